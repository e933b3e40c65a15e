package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {

  private static final Instant START = Instant.parse("2030-05-06T07:08:09Z");

  @Test
  void startsAtTheDefaultInstantInUtc() {
    TestClock clock = TestClock.create();
    assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.millis()).isEqualTo(TestClock.DEFAULT_START.toEpochMilli());
  }

  @Test
  void standsStillUntilMoved() {
    TestClock clock = TestClock.at(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void advancesForwardAndBackward() {
    TestClock clock = TestClock.at(START);
    assertThat(clock.advance(Duration.ofDays(7)).instant()).isEqualTo(START.plus(Duration.ofDays(7)));
    assertThat(clock.advance(Duration.ofSeconds(-30)).instant()).isEqualTo(START.plus(Duration.ofDays(7)).minusSeconds(30));
  }

  @Test
  void setsAnyInstant() {
    TestClock clock = TestClock.create();
    assertThat(clock.set(START).instant()).isEqualTo(START);
    assertThat(clock.set(Instant.EPOCH).instant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void isAnInstantSourceAndAClock() {
    Clock clock = TestClock.at(START);
    java.time.InstantSource source = clock;
    assertThat(source.instant()).isEqualTo(START);
  }

  @Test
  void withZoneCopiesTheCurrentInstantOnly() {
    TestClock clock = TestClock.at(START);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofHours(1));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(START);
  }

  @Test
  void refusesNullInstantsAndDurations() {
    assertThatThrownBy(() -> TestClock.at(null)).isInstanceOf(NullPointerException.class).hasMessage("start");
    assertThatThrownBy(() -> TestClock.create().set(null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
    assertThatThrownBy(() -> TestClock.create().advance(null)).isInstanceOf(NullPointerException.class).hasMessage("amount");
  }

  @Test
  void toStringShowsTheInstant() {
    assertThat(TestClock.at(START)).hasToString("TestClock[2030-05-06T07:08:09Z]");
  }
}
