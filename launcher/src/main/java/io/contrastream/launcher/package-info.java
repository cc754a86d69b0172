/**
 * The {@code ./contrastream} launcher: sub-commands {@code demo}, {@code broker}, {@code produce},
 * {@code train} and {@code bench}, each configured by flags and environment variables.
 */
package io.contrastream.launcher;
