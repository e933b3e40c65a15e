package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

  @Test
  void readsShortAndIsoForms() {
    assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void refusesAnythingElseWithTheFormsItTakes() {
    assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'5 minutes' is not a duration; write 3d, 12h, 5m, 90s or 1h30m");
    assertThatThrownBy(() -> Durations.parse("-1h")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void writesTheTwoLargestUnits() {
    assertThat(Durations.human(Duration.ofMinutes(179))).isEqualTo("2 h 59 min");
    assertThat(Durations.human(Duration.ofDays(7))).isEqualTo("7 d");
    assertThat(Durations.human(Duration.ofSeconds(-45))).isEqualTo("45 s");
    assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
    assertThat(Durations.human(Duration.ofHours(27))).isEqualTo("1 d 3 h");
  }
}
