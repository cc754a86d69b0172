/** What a person at the terminal sees: a live line per report and a summary at the end. */
package io.contrastream.launcher.console;
