/**
 * Exported models: the trained encoder written as a versioned artifact (manifest and
 * parameters) for programs that embed with DJL alone.
 */
package io.contrastream.service.artifact;
