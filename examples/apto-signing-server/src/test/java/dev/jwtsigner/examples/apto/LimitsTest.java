package dev.jwtsigner.examples.apto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private static final int CPUS = Runtime.getRuntime().availableProcessors();

  @Test
  void defaultsAreSizedForTheMachineAndAtMostTenSecondsForARequest() {
    Limits d = Limits.fromEnvironment(Map.of());
    assertThat(d).isEqualTo(Limits.defaults(CPUS));
    assertThat(d.signerThreads()).isEqualTo(CPUS);
    assertThat(d.queueLength()).isEqualTo(64 * CPUS);
    assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.maxBodyBytes()).isEqualTo(65_536);
  }

  @Test
  void readsEveryKnob() {
    Limits l = Limits.fromEnvironment(Map.of("SIGNER_THREADS", "3", "SIGNER_QUEUE", "0", "MAX_CONNECTIONS", "50",
        "REQUEST_TIMEOUT_SECONDS", "4", "RESPONSE_TIMEOUT_SECONDS", "5", "IDLE_TIMEOUT_SECONDS", "6",
        "MAX_HEADER_BYTES", "8192", "MAX_BODY_BYTES", "1000", "SHUTDOWN_GRACE_SECONDS", "0", "KEY_RELOAD_SECONDS", "7"));
    assertThat(l).isEqualTo(new Limits(3, 0, 50, Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(6),
        8192, 1000, Duration.ZERO, Duration.ofSeconds(7)));
  }

  @Test
  void namesTheVariableTheRangeAndTheDefault() {
    assertThatThrownBy(() -> Limits.fromEnvironment(Map.of("REQUEST_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("REQUEST_TIMEOUT_SECONDS is not a whole number from 1 to 3600. Fix: set it to such a number, or"
            + " unset it for the default (10).");
    assertThatThrownBy(() -> Limits.fromEnvironment(Map.of("SIGNER_THREADS", "many")))
        .hasMessage("SIGNER_THREADS is not a whole number from 1 to 1024. Fix: set it to such a number, or unset it"
            + " for the default (" + CPUS + ").");
  }

  /** The README's table of limits lists every knob with the default the code has. */
  @Test
  void theReadmeTableListsEveryKnobWithItsDefault() throws IOException {
    Map<String, String> table = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| ([^|]+) \\|").matcher(Files.readString(Path.of("README.md")));
    while (row.find()) {
      table.put(row.group(1), row.group(2).trim());
    }
    Limits d = Limits.defaults(CPUS);
    assertThat(table).containsExactly(
        Map.entry("SIGNER_THREADS", "the number of processors"),
        Map.entry("SIGNER_QUEUE", "64 × processors"),
        Map.entry("MAX_CONNECTIONS", Integer.toString(d.maxConnections())),
        Map.entry("REQUEST_TIMEOUT_SECONDS", Long.toString(d.requestTimeout().toSeconds())),
        Map.entry("RESPONSE_TIMEOUT_SECONDS", Long.toString(d.responseTimeout().toSeconds())),
        Map.entry("IDLE_TIMEOUT_SECONDS", Long.toString(d.idleTimeout().toSeconds())),
        Map.entry("MAX_HEADER_BYTES", Integer.toString(d.maxHeaderBytes())),
        Map.entry("MAX_BODY_BYTES", Integer.toString(d.maxBodyBytes())),
        Map.entry("SHUTDOWN_GRACE_SECONDS", Long.toString(d.shutdownGrace().toSeconds())),
        Map.entry("KEY_RELOAD_SECONDS", Long.toString(d.keyReloadInterval().toSeconds())));
    for (String knob : table.keySet()) {
      assertThatThrownBy(() -> Limits.fromEnvironment(Map.of(knob, "-5"))).as(knob).hasMessageStartingWith(knob + " is not");
    }
  }
}
