package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several keys, each under its own kid, each in one {@link KeyState}: <em>next</em> (published, not yet
 * signing), <em>active</em> (the one key that signs) or <em>retiring</em> (published so that tokens it
 * signed still verify, no longer signing). {@link #signingKey()} returns the active key with its own kid,
 * and every change swaps one immutable snapshot, so a token can never carry one key's kid and another
 * key's signature. A {@link JwksPublisher} lists every key in every state. Thread-safe.
 *
 * <pre>{@code
 * RotatingKeySource keys = RotatingKeySource.builder()
 *     .key("key_1", KeySource.fromPem(Path.of("key_1.pem")))
 *     .publishLead(Duration.ofMinutes(10))   // the platform's JWKS cache time: next keys wait this long
 *     .retention(Duration.ofDays(7))         // the API key's max token expiry: retiring keys stay this long
 *     .build();
 * keys.publish("key_2", KeySource.fromPem(Path.of("key_2.pem")));  // 1. next: in the JWKS, not signing
 * keys.activate("key_2");   // 2. after publishLead: key_2 signs, key_1 is retiring (still in the JWKS)
 * keys.remove("key_1");     // 3. after retention: key_1 leaves the JWKS
 * }</pre>
 *
 * <p>Each step refuses to run early (with {@code KEY_ID_INVALID} and the time left), so the order in
 * {@code docs/rotation.md} is the only one that works. Both waits default to zero, for a key registered
 * by hand in the vendor's console. A key may come from any source, a {@link ReloadingKeySource} included;
 * the kid given here is the one its tokens carry.
 */
public final class RotatingKeySource implements KeySource, Publishable {

  /** Where a key is in its rotation. */
  public enum KeyState {
    /** Published so the platform can fetch it; does not sign yet. */
    NEXT,
    /** Published, and signs every new token. */
    ACTIVE,
    /** Published until the tokens it signed have expired; signs no new token. */
    RETIRING
  }

  private record Entry(KeyIdSource source, KeyState state, Instant since) {}

  private record Ring(Map<String, Entry> entries, KeyIdSource active) {}

  private final Duration publishLead;
  private final Duration retention;
  private final InstantSource clock;
  private volatile Ring ring;

  private RotatingKeySource(Builder b, String activeKeyId) {
    this.publishLead = b.publishLead;
    this.retention = b.retention;
    this.clock = b.clock;
    Instant now = clock.instant();
    Map<String, Entry> entries = new LinkedHashMap<>();
    b.sources.forEach((kid, source) ->
        entries.put(kid, new Entry(source, kid.equals(activeKeyId) ? KeyState.ACTIVE : KeyState.NEXT, now)));
    this.ring = new Ring(Collections.unmodifiableMap(entries), b.sources.get(activeKeyId));
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(Map.of(), null, Duration.ZERO, Duration.ZERO, Clock.systemUTC());
  }

  /** The active key, with its kid. */
  @Override
  public SigningKey signingKey() {
    return ring.active().signingKey();
  }

  /** Passed on to the active key's source (an HSM source reads its key again). */
  @Override
  public void signingFailed(SigningKey key) {
    ring.active().signingFailed(key);
  }

  /**
   * Adds {@code source}'s key as {@link KeyState#NEXT}: published from now on, signing nothing yet. The
   * source is asked for its key now, so a broken one fails here.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID} if the kid is blank or taken, or the source
   *     already names its key otherwise
   */
  public synchronized void publish(String keyId, KeySource source) {
    Ring current = ring;
    KeyIdSource checked = checked(current.entries(), keyId, source);
    Map<String, Entry> next = new LinkedHashMap<>(current.entries());
    next.put(keyId, new Entry(checked, KeyState.NEXT, clock.instant()));
    ring = new Ring(Collections.unmodifiableMap(next), current.active());
  }

  /**
   * Makes the key registered under {@code keyId} the one every following {@link #signingKey()} returns;
   * the key active until now becomes {@link KeyState#RETIRING}. A {@link KeyState#NEXT} key must have been
   * published for at least the publish lead; a retiring key may come back at once (a roll-back).
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID} if no key has that kid, or it was published
   *     too recently
   */
  public synchronized void activate(String keyId) {
    Ring current = ring;
    Entry chosen = require(current.entries(), keyId);
    if (chosen.state() == KeyState.ACTIVE) {
      return;
    }
    Instant now = clock.instant();
    if (chosen.state() == KeyState.NEXT) {
      Duration left = publishLead.minus(Duration.between(chosen.since(), now));
      if (left.compareTo(Duration.ZERO) > 0) {
        throw new KeyRejectedException(Reason.KEY_ID_INVALID,
            "kid \"" + SafeText.of(keyId) + "\" was published " + Duration.between(chosen.since(), now) + " ago; a platform may"
                + " still serve its cached JWKS without it for " + publishLead + " (publishLead). Fix: activate it in "
                + left + " or later, once every platform has fetched the JWKS that lists it.");
      }
    }
    Map<String, Entry> next = new LinkedHashMap<>();
    current.entries().forEach((kid, e) -> next.put(kid,
        kid.equals(keyId) ? new Entry(e.source(), KeyState.ACTIVE, now)
            : e.state() == KeyState.ACTIVE ? new Entry(e.source(), KeyState.RETIRING, now) : e));
    ring = new Ring(Collections.unmodifiableMap(next), chosen.source());
  }

  /**
   * Stops publishing the key under {@code keyId}. A retiring key must have been retiring for at least the
   * retention, so every token it signed has expired; a next key that never signed may go at once.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID} if no key has that kid, it is the active
   *     key, or it retired too recently
   */
  public synchronized void remove(String keyId) {
    Ring current = ring;
    Entry chosen = require(current.entries(), keyId);
    if (chosen.state() == KeyState.ACTIVE) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid \"" + SafeText.of(keyId) + "\" is the active key; removing it would leave nothing to sign with."
              + " Fix: activate another key first, and remove this one after the retention.");
    }
    if (chosen.state() == KeyState.RETIRING) {
      Duration retired = Duration.between(chosen.since(), clock.instant());
      Duration left = retention.minus(retired);
      if (left.compareTo(Duration.ZERO) > 0) {
        throw new KeyRejectedException(Reason.KEY_ID_INVALID,
            "kid \"" + SafeText.of(keyId) + "\" stopped signing " + retired + " ago; tokens it signed may live " + retention
                + " (retention), and the platform refuses them once the key leaves the JWKS. Fix: remove it in " + left + " or later.");
      }
    }
    Map<String, Entry> next = new LinkedHashMap<>(current.entries());
    next.remove(keyId);
    ring = new Ring(Collections.unmodifiableMap(next), current.active());
  }

  /**
   * The state of the key under {@code keyId}.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID} if no key has that kid
   */
  public KeyState state(String keyId) {
    return require(ring.entries(), keyId).state();
  }

  /** The kid of the active key. */
  public String activeKeyId() {
    return ring.active().keyId();
  }

  /** Every kid, in the order the keys were added. */
  public Set<String> keyIds() {
    return ring.entries().keySet();
  }

  /**
   * Refused: each key's kid is fixed when it is added.
   *
   * @throws KeyRejectedException with {@code KEY_ID_INVALID}, always
   */
  @Override
  public KeySource withKeyId(String keyId) {
    throw new KeyRejectedException(Reason.KEY_ID_INVALID,
        "a rotating source names each of its keys itself, so withKeyId cannot rename them."
            + " Fix: give each key its kid with RotatingKeySource.builder().key(kid, source).");
  }

  @Override
  public List<Published> published() {
    List<Published> all = new ArrayList<>();
    ring.entries().forEach((kid, e) -> all.add(e.source().publishedAs(e.state())));
    return all;
  }

  @Override
  public String toString() {
    return "RotatingKeySource[keys=" + keyIds() + ", active=" + activeKeyId() + "]";
  }

  private static Entry require(Map<String, Entry> entries, String keyId) {
    Entry entry = keyId == null ? null : entries.get(keyId);
    if (entry == null) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid " + (keyId == null ? "null" : "\"" + SafeText.of(keyId) + "\"") + " is not one of this source's keys " + entries.keySet()
              + ". Fix: use one of those kids, or add the key with RotatingKeySource.builder().key(kid, source).");
    }
    return entry;
  }

  private static KeyIdSource checked(Map<String, ?> taken, String keyId, KeySource source) {
    KeyChecks.requireKeyId(keyId);
    if (source == null) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          "the source for kid \"" + keyId + "\" is null. Fix: pass a KeySource, such as KeySource.fromPem(path).");
    }
    if (taken.containsKey(keyId)) {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "kid \"" + keyId + "\" was added twice. Fix: give each key its own kid.");
    }
    source.signingKey().keyId().filter(own -> !own.equals(keyId)).ifPresent(own -> {
      throw new KeyRejectedException(Reason.KEY_ID_INVALID,
          "the source added as kid \"" + keyId + "\" already gives its key kid \"" + own + "\"."
              + " Fix: add it under \"" + own + "\", or drop its withKeyId.");
    });
    return new KeyIdSource(source, keyId);
  }

  private static Duration nonNegative(Duration d, String what) {
    if (d == null || d.isNegative()) {
      throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
          what + " is " + (d == null ? "null" : d) + ". Fix: pass zero or a positive Duration, such as Duration.ofMinutes(10).");
    }
    return d;
  }

  /**
   * Collects the keys of a {@link RotatingKeySource}. Immutable: every method returns a new builder.
   *
   * <pre>{@code
   * RotatingKeySource keys = RotatingKeySource.builder().key("key_1", current).key("key_2", next).active("key_1").build();
   * }</pre>
   */
  public static final class Builder {

    private final Map<String, KeyIdSource> sources;
    private final String active;
    private final Duration publishLead;
    private final Duration retention;
    private final InstantSource clock;

    private Builder(Map<String, KeyIdSource> sources, String active, Duration publishLead, Duration retention, InstantSource clock) {
      this.sources = sources;
      this.active = active;
      this.publishLead = publishLead;
      this.retention = retention;
      this.clock = clock;
    }

    /**
     * Adds {@code source}'s key under {@code keyId}; every key but the active one starts as
     * {@link KeyState#NEXT}. The source is asked for its key now, so a broken one fails here.
     *
     * @throws KeyRejectedException with {@code KEY_ID_INVALID} if {@code keyId} is blank, already added, or
     *     differs from a kid the source already gives its key
     */
    public Builder key(String keyId, KeySource source) {
      Map<String, KeyIdSource> next = new LinkedHashMap<>(sources);
      next.put(keyId, checked(sources, keyId, source));
      return new Builder(Collections.unmodifiableMap(next), active, publishLead, retention, clock);
    }

    /** The kid of the key to sign with first; default: the first key added. */
    public Builder active(String keyId) {
      return new Builder(sources, KeyChecks.requireKeyId(keyId), publishLead, retention, clock);
    }

    /** How long a next key must be published before {@link #activate} takes it: the platform's JWKS cache time (default 0). */
    public Builder publishLead(Duration publishLead) {
      return new Builder(sources, active, nonNegative(publishLead, "publishLead"), retention, clock);
    }

    /** How long a retiring key stays published before {@link #remove} takes it away: the maximum token expiry (default 0). */
    public Builder retention(Duration retention) {
      return new Builder(sources, active, publishLead, nonNegative(retention, "retention"), clock);
    }

    /** The clock that times the waits (a test clock in tests). */
    public Builder clock(InstantSource clock) {
      return new Builder(sources, active, publishLead, retention,
          KeyChecks.requireArgument(clock, "clock", "pass an InstantSource, such as Clock.systemUTC()"));
    }

    /**
     * The rotating source.
     *
     * @throws KeyRejectedException with {@code INVALID_ARGUMENT} if no key was added, or {@code KEY_ID_INVALID}
     *     if the active kid names none of them
     */
    public RotatingKeySource build() {
      if (sources.isEmpty()) {
        throw new KeyRejectedException(Reason.INVALID_ARGUMENT,
            "a rotating source needs at least one key. Fix: add keys with .key(\"key_1\", KeySource.fromPem(path)).");
      }
      String chosen = active == null ? sources.keySet().iterator().next() : active;
      if (!sources.containsKey(chosen)) {
        throw new KeyRejectedException(Reason.KEY_ID_INVALID,
            "kid \"" + SafeText.of(chosen) + "\" is not one of this source's keys " + sources.keySet()
                + ". Fix: use one of those kids, or add the key with RotatingKeySource.builder().key(kid, source).");
      }
      return new RotatingKeySource(this, chosen);
    }
  }
}
