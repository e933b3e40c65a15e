package dev.jwtsigner.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A settable clock for tests: builders and verifiers both take it (it is a {@link Clock}, hence a
 * {@link java.time.InstantSource}), so a test moves time instead of waiting.
 *
 * <pre>{@code
 * TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * String token = builder.clock(clock).expiresIn(Duration.ofHours(1)).sign();
 * clock.advance(Duration.ofHours(2));
 * assertThat(verifier.clock(clock).verify(token).accepted()).isFalse();
 * }</pre>
 *
 * <p>Thread-safe: reads and writes of the current instant are atomic.
 */
public final class TestClock extends Clock {

  /** The instant a {@link #create()}d clock starts at: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final ZoneId zone;
  private volatile Instant now;

  private TestClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public static TestClock create() {
    return new TestClock(DEFAULT_START, ZoneOffset.UTC);
  }

  /** A clock at {@code start}, in UTC. */
  public static TestClock at(Instant start) {
    return new TestClock(start, ZoneOffset.UTC);
  }

  /** Moves the clock to {@code instant} (backwards too). */
  public synchronized TestClock set(Instant instant) {
    this.now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  /** Moves the clock by {@code amount}, which may be negative. */
  public synchronized TestClock advance(Duration amount) {
    this.now = now.plus(Objects.requireNonNull(amount, "amount"));
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A clock with the same current instant in {@code zone}; it does not follow later changes to this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new TestClock(now, zone);
  }

  @Override
  public String toString() {
    return "TestClock[" + now + "]";
  }
}
