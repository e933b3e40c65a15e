package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.atomic.AtomicTokenCache;
import java.util.function.UnaryOperator;

/**
 * The Atomic tokens of logged-in users, from the configured {@link AtomicTokenCache}, counted and timed in the
 * application's metrics (when Micrometer is present). Inject it where a controller hands out SDK tokens.
 *
 * <pre>{@code
 * @GetMapping("/atomic/token")
 * Map<String, String> token(Authentication user) {
 *   return Map.of("token", atomicTokens.tokenFor(user.getName()));
 * }
 * }</pre>
 */
public final class AtomicTokens {

  private final AtomicTokenCache cache;
  private final SigningMetrics metrics;

  AtomicTokens(AtomicTokenCache cache, SigningMetrics metrics) {
    this.cache = cache;
    this.metrics = metrics;
    metrics.watchCacheSize(cache::size);
  }

  /**
   * The user's cached token, or a new one when it nears expiry.
   *
   * @throws dev.jwtsigner.TokenRejectedException if minting breaks a rule
   */
  public String tokenFor(String userId) {
    return tokenFor(userId, null);
  }

  /** As {@link #tokenFor(String)}; {@code customizer} (may be null) adds profile fields when a token is minted. */
  public String tokenFor(String userId, UnaryOperator<AtomicTokenBuilder> customizer) {
    boolean[] minted = {false};
    long start = System.nanoTime();
    try {
      String token = cache.tokenFor(userId, b -> {
        minted[0] = true;
        return customizer == null ? b : customizer.apply(b);
      });
      if (minted[0]) {
        metrics.signed(SigningMetrics.ATOMIC, System.nanoTime() - start);
      }
      metrics.cacheLookup(!minted[0]);
      return token;
    } catch (JwtSignerException e) {
      metrics.cacheLookup(false);
      metrics.refused(SigningMetrics.ATOMIC, e);
      throw e;
    }
  }

  /** The cache behind this service (to invalidate a user's token after a profile change or a rotation). */
  public AtomicTokenCache cache() {
    return cache;
  }
}
