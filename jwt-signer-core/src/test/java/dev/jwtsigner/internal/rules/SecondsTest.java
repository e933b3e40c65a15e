package dev.jwtsigner.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecondsTest {

  @Test
  void namesWholeDaysAndHoursAndKeepsFractions() {
    assertThat(Seconds.of(86_400)).isEqualTo("86400 s (1 day)");
    assertThat(Seconds.of(172_800)).isEqualTo("172800 s (2 days)");
    assertThat(Seconds.of(7_200)).isEqualTo("7200 s (2 h)");
    assertThat(Seconds.of(3_599)).isEqualTo("3599 s");
    assertThat(Seconds.of(0.25)).isEqualTo("0.25 s");
    assertThat(Seconds.of(Double.POSITIVE_INFINITY)).isEqualTo("Infinity s");
  }
}
