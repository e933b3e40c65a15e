package dev.jwtsigner.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link SignBenchmarks} on two threads sharing one configured signer per contender. */
@Threads(2)
public class SignTwoThreads extends SignBenchmarks {}
