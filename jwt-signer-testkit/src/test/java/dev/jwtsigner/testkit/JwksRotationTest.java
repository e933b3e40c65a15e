package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.RotatingKeySource;
import dev.jwtsigner.keys.RotatingKeySource.KeyState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rotation of docs/rotation.md, walked against a real JWKS server on loopback and a verifier that
 * fetches and caches it as the platform does. JWKS max-age 5 min (= the publish lead), token lifetime 30 min,
 * API key max token expiry 1 h (= the retention).
 */
class JwksRotationTest {

  private static final Duration MAX_AGE = Duration.ofMinutes(5);
  private static final Duration MAX_TOKEN_EXPIRY = Duration.ofHours(1);
  private static final AtomicPolicy POLICY = AtomicPolicy.builder().maxTokenExpiry(MAX_TOKEN_EXPIRY).build();

  private final TestClock clock = TestClock.create();
  private final KeySource key1 = FakeKeys.rsa2048(1).keySource("key_1");
  private final KeySource key2 = FakeKeys.rsa2048(2).keySource("key_2");

  @Test
  void tokensFromBeforeDuringAndAfterTheRotationVerifyAndARetiredKeysAreRefused() {
    RotatingKeySource keys = RotatingKeySource.builder().key("key_1", key1)
        .publishLead(MAX_AGE).retention(MAX_TOKEN_EXPIRY).clock(clock).build();
    try (JwksServer server = new JwksServer(keys, MAX_AGE)) {
      AtomicPlatformVerifier platform = AtomicPlatformVerifier.create(POLICY).trust(server.uri()).clock(clock);
      AtomicTokenBuilder tokens = AtomicTokenBuilder.create(keys).algorithm(JwsAlgorithm.RS256).policy(POLICY)
          .clock(clock).expiresIn(Duration.ofMinutes(30));

      // t = 0: key_1 signs; the platform fetches the JWKS [key_1]
      String before = tokens.subject("u1").sign();
      assertAccepted(platform, before);
      assertThat(server.fetches()).isEqualTo(1);

      // t = 1 min: key_2 is published as next; activating it now is refused (the platform's copy lacks it)
      clock.advance(Duration.ofMinutes(1));
      keys.publish("key_2", key2);
      assertThatThrownBy(() -> keys.activate("key_2")).isInstanceOf(KeyRejectedException.class)
          .hasMessageContaining("Fix: activate it in PT5M or later");
      assertAccepted(platform, tokens.subject("u2").sign());
      assertThat(server.fetches()).as("still the cached copy").isEqualTo(1);

      // t = 5 min: the cached copy expired; the platform fetches [key_1, key_2]
      clock.advance(Duration.ofMinutes(4));
      String during = tokens.subject("u3").sign();
      assertAccepted(platform, during);
      assertThat(server.fetches()).isEqualTo(2);

      // t = 6 min: key_2 becomes active, key_1 retiring; the platform knows key_2 already, no fetch needed
      clock.advance(Duration.ofMinutes(1));
      keys.activate("key_2");
      assertThat(keys.state("key_1")).isEqualTo(KeyState.RETIRING);
      String after = tokens.subject("u4").sign();
      assertThat(after).isNotEqualTo(during);
      assertAccepted(platform, after);
      assertAccepted(platform, during);
      assertAccepted(platform, before);
      assertThat(server.fetches()).isEqualTo(2);

      // t = 36 min: key_1 may not leave yet (a token it signed at t = 5 min lives until t = 35 min, the API key allows 1 h)
      clock.advance(Duration.ofMinutes(30));
      assertThatThrownBy(() -> keys.remove("key_1")).isInstanceOf(KeyRejectedException.class)
          .hasMessageContaining("Fix: remove it in PT30M or later");

      // t = 66 min: key_1 leaves the JWKS; once the platform's copy expires, key_1's tokens are refused
      clock.advance(Duration.ofMinutes(30));
      keys.remove("key_1");
      assertThat(keys.keyIds()).containsExactly("key_2");
      clock.advance(MAX_AGE);
      String retired = AtomicTokenBuilder.create(key1).policy(POLICY).clock(clock).subject("u5")
          .expiresIn(Duration.ofMinutes(30)).sign();
      Verdict refused = platform.verify(retired);
      assertThat(refused.violations()).extracting(Violation::rule).containsExactly(Rule.KEY_ID_UNKNOWN);
      assertThat(refused.violations().get(0).field()).isEqualTo("header.kid");
      assertAccepted(platform, tokens.subject("u6").sign());
      assertThat(server.fetches()).as("the expired copy once, no refetch within a minute of it").isEqualTo(3);
    }
  }

  private static void assertAccepted(AtomicPlatformVerifier platform, String token) {
    assertThat(platform.verify(token).violations()).isEmpty();
  }
}
