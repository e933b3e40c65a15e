package dev.jwtsigner.bench;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicTokenCache;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The token cache's hit path, in ns per token: a user whose RS256 token is cached and fresh (the minting
 * clock is stopped, so it stays fresh). {@code hit} on one thread; {@code hitTwoThreads} has both threads
 * ask for the same user, the worst case for shared state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheBenchmarks {

  private AtomicTokenCache cache;

  @Setup(Level.Trial)
  public void setUp() {
    BenchKeys keys = BenchKeys.of(JwsAlgorithm.RS256);
    cache = AtomicTokenCache.create(SigningState.configuredBuilder(keys));
    String first = Tokens.requireValid("AtomicTokenCache", cache.tokenFor(Claims.SUBJECT), keys.jdkPublic, "RS256");
    if (!first.equals(cache.tokenFor(Claims.SUBJECT))) {
      throw new IllegalStateException("the cache minted again for a fresh token");
    }
  }

  @Benchmark
  @Threads(1)
  public String hit() {
    return cache.tokenFor(Claims.SUBJECT);
  }

  @Benchmark
  @Threads(2)
  public String hitTwoThreads() {
    return cache.tokenFor(Claims.SUBJECT);
  }
}
