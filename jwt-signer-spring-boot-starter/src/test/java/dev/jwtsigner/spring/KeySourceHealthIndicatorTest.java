package dev.jwtsigner.spring;

import static dev.jwtsigner.spring.StarterFixtures.EC;
import static dev.jwtsigner.spring.StarterFixtures.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.keys.ReloadingKeySource;
import dev.jwtsigner.keys.RotatingKeySource;
import dev.jwtsigner.testkit.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KeySourceHealthIndicatorTest {

  @Test
  void isUpWithTheKidAndAlgorithm() {
    Health health = new KeySourceHealthIndicator(RSA.keySource("key_1"), JwsAlgorithm.RS512).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("kid", "key_1", "algorithm", "RS512", "key", "RSA"));
  }

  @Test
  void listsTheStateOfEveryKeyOfARotatingSource() {
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", RSA.keySource("key_1")).build();
    keys.publish("key_2", EC.keySource("key_2"));

    Health health = new KeySourceHealthIndicator(keys, null).health();

    assertThat(health.getDetails()).containsEntry("kid", "key_1").containsEntry("algorithm", "RS256")
        .containsEntry("keys", Map.of("key_1", "ACTIVE", "key_2", "NEXT"));
  }

  @Test
  void isDownWithTheReasonWhileTheLastGoodKeyIsKept(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("key.pem"), RSA.privateKeyPem());
    TestClock clock = TestClock.create();
    ReloadingKeySource keys = ReloadingKeySource.builder(file).keyId("key_1").checkInterval(Duration.ofSeconds(10)).clock(clock).build();
    KeySourceHealthIndicator indicator = new KeySourceHealthIndicator(keys, null);
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

    Files.writeString(file, "garbage, half a key");
    clock.advance(Duration.ofSeconds(10));
    Health down = indicator.health();

    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsEntry("kid", "key_1").containsEntry("reason", "KEY_MALFORMED")
        .containsEntry("lastGoodKeyKept", true).containsEntry("file", file.toString());
    assertThat((String) down.getDetails().get("error")).startsWith("key file " + file + " ");
    assertThat(keys.signingKey().privateKey()).as("the last good key still signs").isEqualTo(RSA.privateKey());

    Files.writeString(file, RSA.privateKeyPem());
    clock.advance(Duration.ofSeconds(10));
    assertThat(indicator.health().getStatus()).as("a restored file is picked up").isEqualTo(Status.UP);
  }
}
