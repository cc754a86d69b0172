/** A real single-node KRaft Kafka inside the JVM, for the demo, the benchmark and tests. */
package io.contrastream.launcher.broker;
