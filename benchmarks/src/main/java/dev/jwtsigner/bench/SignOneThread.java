package dev.jwtsigner.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link SignBenchmarks} on one thread. */
@Threads(1)
public class SignOneThread extends SignBenchmarks {}
