package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The starter's meters. Tags are low-cardinality enums only: {@code platform} (atomic, apto), {@code reason}
 * (a {@code JwtSignerException.Reason}), {@code rule} (a {@code Violation.Rule}, or NONE), {@code result} (hit,
 * miss) — never a user ID, claim value or key id.
 */
final class MicrometerSigningMetrics implements SigningMetrics {

  static final String SIGNED = "jwt.signer.tokens.signed";
  static final String REFUSED = "jwt.signer.tokens.refused";
  static final String SIGNING = "jwt.signer.signing";
  static final String CACHE_REQUESTS = "jwt.signer.cache.requests";
  static final String CACHE_HIT_RATIO = "jwt.signer.cache.hit.ratio";
  static final String CACHE_SIZE = "jwt.signer.cache.size";

  private final MeterRegistry registry;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final Counter hitCounter;
  private final Counter missCounter;

  MicrometerSigningMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String platform : new String[] {ATOMIC, APTO}) {
      signedCounter(platform);
      timer(platform);
    }
    this.hitCounter = Counter.builder(CACHE_REQUESTS).description("Atomic token cache lookups").tag("result", "hit").register(registry);
    this.missCounter = Counter.builder(CACHE_REQUESTS).description("Atomic token cache lookups").tag("result", "miss").register(registry);
    Gauge.builder(CACHE_HIT_RATIO, this, MicrometerSigningMetrics::hitRatio)
        .description("Share of Atomic token requests served from the cache since start").register(registry);
  }

  @Override
  public void signed(String platform, long nanos) {
    signedCounter(platform).increment();
    timer(platform).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void refused(String platform, JwtSignerException e) {
    if (e.violations().isEmpty()) {
      refusedCounter(platform, e.reason().name(), "NONE").increment();
      return;
    }
    for (Violation v : e.violations()) {
      refusedCounter(platform, e.reason().name(), v.rule().name()).increment();
    }
  }

  @Override
  public void cacheLookup(boolean hit) {
    (hit ? hits : misses).increment();
    (hit ? hitCounter : missCounter).increment();
  }

  @Override
  public void watchCacheSize(IntSupplier size) {
    Gauge.builder(CACHE_SIZE, size, s -> s.getAsInt()).description("Users with a cached Atomic token").register(registry);
  }

  private double hitRatio() {
    long h = hits.sum();
    long total = h + misses.sum();
    return total == 0 ? 0 : (double) h / total;
  }

  private Counter signedCounter(String platform) {
    return Counter.builder(SIGNED).description("Tokens and payloads signed").tag("platform", platform).register(registry);
  }

  private Counter refusedCounter(String platform, String reason, String rule) {
    return Counter.builder(REFUSED).description("Signing requests the library refused, per broken rule")
        .tag("platform", platform).tag("reason", reason).tag("rule", rule).register(registry);
  }

  private Timer timer(String platform) {
    return Timer.builder(SIGNING).description("Time to sign a token or payload").tag("platform", platform).register(registry);
  }
}
