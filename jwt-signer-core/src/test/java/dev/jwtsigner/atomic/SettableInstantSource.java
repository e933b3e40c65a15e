package dev.jwtsigner.atomic;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the core tests move by hand (the test kit's TestClock is not visible from core). */
final class SettableInstantSource implements InstantSource {

  private volatile Instant now;

  SettableInstantSource(Instant start) {
    this.now = start;
  }

  static SettableInstantSource at(String iso) {
    return new SettableInstantSource(Instant.parse(iso));
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
