package dev.jwtsigner.atomic;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Hands out one token per user and keeps it until it nears expiry, for hosts whose SDK asks for a token
 * on every request: a hit costs a map lookup and a clock read, not an RSA signature.
 *
 * <pre>{@code
 * AtomicTokenCache tokens = AtomicTokenCache.builder(
 *         AtomicTokenBuilder.create(keys).algorithm(JwsAlgorithm.RS512).expiresIn(Duration.ofHours(12)))
 *     .maximumSize(50_000)
 *     .build();
 *
 * String token = tokens.tokenFor(user.id());                              // sub = user.id()
 * String same  = tokens.tokenFor(user.id(), b -> b.email(user.email()));  // customizer runs only when minting
 * }</pre>
 *
 * <p><b>Freshness.</b> A cached token is returned while it has more than the policy's
 * {@linkplain AtomicPolicy#sdkExpiryInterval() SDK expiry interval} plus the {@linkplain
 * Builder#refreshMargin(Duration) refresh margin} (default {@value #DEFAULT_REFRESH_MARGIN_SECONDS} s) left to
 * live; after that the next call mints a new one. So it never hands out a token the SDK would treat as
 * expired. Time comes from the builder's clock. Give tokens a lifetime well above interval plus margin
 * (the default of 1 day is), or every call mints.
 *
 * <p><b>Keying.</b> Tokens are cached by user ID alone: the customizer runs only when a token is minted, so
 * use it for data that does not change while a token lives (profile fields). After changing such data, a key
 * rotation or a logout, call {@link #invalidate(String)} or {@link #invalidateAll()}.
 *
 * <p><b>Size and threads.</b> At most {@link Builder#maximumSize(int) maximumSize} users (default
 * {@value #DEFAULT_MAXIMUM_SIZE}) are kept; beyond that the least recently used tenth is dropped. Thread-safe:
 * concurrent misses for the same user mint once, holding only that user's lock while signing.
 */
public final class AtomicTokenCache {

  /** Users kept by default. */
  public static final int DEFAULT_MAXIMUM_SIZE = 10_000;
  /** The default refresh margin in seconds, on top of the SDK's expiry interval: 5 minutes. */
  public static final long DEFAULT_REFRESH_MARGIN_SECONDS = 300;

  private final AtomicTokenBuilder tokens;
  private final InstantSource clock;
  private final boolean atomicSubject;
  private final int maximumSize;
  private final long refreshMillis;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicBoolean evicting = new AtomicBoolean();

  private AtomicTokenCache(Builder b) {
    this.tokens = b.tokens;
    this.clock = b.tokens.currentClock();
    this.atomicSubject = b.atomicSubject;
    this.maximumSize = b.maximumSize;
    this.refreshMillis = b.tokens.currentPolicy().sdkExpiryInterval().plus(b.refreshMargin).toMillis();
  }

  /** A cache with the defaults, minting with {@code tokens} (a configured builder without a user ID). */
  public static AtomicTokenCache create(AtomicTokenBuilder tokens) {
    return builder(tokens).build();
  }

  /** A builder for a cache minting with {@code tokens} (a configured builder without a user ID). */
  public static Builder builder(AtomicTokenBuilder tokens) {
    if (tokens == null) {
      throw invalid("tokens is null. Fix: pass a configured AtomicTokenBuilder.");
    }
    return new Builder(tokens);
  }

  /**
   * The user's cached token, or a new one when there is none or it is within the refresh threshold of expiry.
   *
   * @throws TokenRejectedException if minting breaks a rule (a blank user ID, say); nothing is cached then
   * @throws JwtSignerException with {@link Reason#INVALID_ARGUMENT} if {@code userId} is null
   */
  public String tokenFor(String userId) {
    return tokenFor(userId, null);
  }

  /**
   * As {@link #tokenFor(String)}; when a token is minted, {@code customizer} (may be null) adds to the builder
   * that already carries the user ID: profile fields, custom fields, claims.
   */
  public String tokenFor(String userId, UnaryOperator<AtomicTokenBuilder> customizer) {
    if (userId == null) {
      throw invalid("userId is null. Fix: pass the logged-in user's ID.");
    }
    long now = clock.millis();
    Slot slot = slots.get(userId);
    if (slot != null) {
      AtomicTokenBuilder.Minted m = slot.minted;
      if (m != null && fresh(m, now)) {
        slot.lastUsed = now;
        return m.token();
      }
    } else {
      slot = slots.computeIfAbsent(userId, k -> new Slot(now));
      evictIfNeeded();
    }
    return mint(slot, userId, customizer);
  }

  /** Forgets the token of {@code userId}; the next call for that user mints. */
  public void invalidate(String userId) {
    if (userId != null) {
      slots.remove(userId);
    }
  }

  /** Forgets every token (after a key rotation, for example). */
  public void invalidateAll() {
    slots.clear();
  }

  /** How many users have an entry now. */
  public int size() {
    return slots.size();
  }

  private String mint(Slot slot, String userId, UnaryOperator<AtomicTokenBuilder> customizer) {
    synchronized (slot) {
      long now = clock.millis();
      AtomicTokenBuilder.Minted m = slot.minted;
      if (m != null && fresh(m, now)) {
        return m.token(); // another thread minted it while this one waited
      }
      try {
        AtomicTokenBuilder b = atomicSubject ? tokens.atomicSubject(userId) : tokens.subject(userId);
        if (customizer != null) {
          b = customizer.apply(b);
          if (b == null) {
            throw invalid("the customizer returned null. Fix: return the builder it was given, with your changes.");
          }
        }
        m = b.mint();
      } catch (RuntimeException e) {
        if (slot.minted == null) {
          slots.remove(userId, slot);
        }
        throw e;
      }
      slot.minted = m;
      slot.lastUsed = now;
      return m.token();
    }
  }

  private boolean fresh(AtomicTokenBuilder.Minted m, long nowMillis) {
    return m.exp() * 1000 - nowMillis > refreshMillis;
  }

  /** Drops the least recently used tenth once the cache holds more than its maximum; one thread at a time. */
  private void evictIfNeeded() {
    if (slots.size() <= maximumSize || !evicting.compareAndSet(false, true)) {
      return;
    }
    try {
      Candidate[] all = slots.entrySet().stream()
          .map(e -> new Candidate(e.getKey(), e.getValue(), e.getValue().lastUsed))
          .toArray(Candidate[]::new);
      int excess = all.length - (maximumSize - maximumSize / 10);
      if (excess <= 0) {
        return;
      }
      Arrays.sort(all, Comparator.comparingLong(c -> c.lastUsed));
      for (int i = 0; i < excess; i++) {
        slots.remove(all[i].userId, all[i].slot);
      }
    } finally {
      evicting.set(false);
    }
  }

  private static JwtSignerException invalid(String message) {
    return new JwtSignerException(Reason.INVALID_ARGUMENT, message);
  }

  /** One user's entry; its lock guards minting for that user only. */
  private static final class Slot {
    volatile AtomicTokenBuilder.Minted minted;
    volatile long lastUsed;

    Slot(long now) {
      this.lastUsed = now;
    }
  }

  /** A slot with its last use read once, so sorting sees stable values. */
  private static final class Candidate {
    final String userId;
    final Slot slot;
    final long lastUsed;

    Candidate(String userId, Slot slot, long lastUsed) {
      this.userId = userId;
      this.slot = slot;
      this.lastUsed = lastUsed;
    }
  }

  /**
   * Configures an {@link AtomicTokenCache}; not thread-safe.
   *
   * <pre>{@code
   * AtomicTokenCache cache = AtomicTokenCache.builder(tokens)
   *     .maximumSize(50_000)
   *     .refreshMargin(Duration.ofMinutes(10))
   *     .userIdClaim("atomic_sub")
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final AtomicTokenBuilder tokens;
    private int maximumSize = DEFAULT_MAXIMUM_SIZE;
    private Duration refreshMargin = Duration.ofSeconds(DEFAULT_REFRESH_MARGIN_SECONDS);
    private boolean atomicSubject;

    private Builder(AtomicTokenBuilder tokens) {
      this.tokens = tokens;
    }

    /** The most users kept (default {@value AtomicTokenCache#DEFAULT_MAXIMUM_SIZE}); at least 1. */
    public Builder maximumSize(int maximumSize) {
      if (maximumSize < 1) {
        throw invalid("maximumSize is " + maximumSize + "; it must be at least 1. Fix: pass e.g. 10000.");
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * How long before the SDK would refresh a token the cache already mints a new one (default 5 minutes,
     * zero or more): it covers the trip to the device and clocks that run ahead.
     */
    public Builder refreshMargin(Duration margin) {
      if (margin == null || margin.isNegative()) {
        throw invalid("refreshMargin is " + (margin == null ? "null" : "negative")
            + ". Fix: pass zero or more, such as Duration.ofMinutes(5).");
      }
      this.refreshMargin = margin;
      return this;
    }

    /**
     * The claim {@code tokenFor(userId)} writes the user ID to: {@code "sub"} (the default, via
     * {@code subject}) or {@code "atomic_sub"} (via {@code atomicSubject}).
     */
    public Builder userIdClaim(String claim) {
      if (!"sub".equals(claim) && !AtomicPolicy.ATOMIC_SUB.equals(claim)) {
        throw invalid("userIdClaim must be \"sub\" or \"atomic_sub\". Fix: pass one of them; set other claims in"
            + " the customizer.");
      }
      this.atomicSubject = AtomicPolicy.ATOMIC_SUB.equals(claim);
      return this;
    }

    /** The cache. */
    public AtomicTokenCache build() {
      return new AtomicTokenCache(this);
    }
  }

  @Override
  public String toString() {
    return "AtomicTokenCache[size=" + slots.size() + ", maximumSize=" + maximumSize + ", refreshBeforeExpiryMillis="
        + refreshMillis + "]";
  }

  /** For tests: whether a user has a cached token. */
  boolean holds(String userId) {
    Slot s = slots.get(userId);
    return s != null && s.minted != null;
  }
}
