package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.cli.Options.Platform;
import dev.jwtsigner.testkit.FakeKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenReportTest {

  private static final InstantSource NOW = InstantSource.fixed(Cli.NOW);

  private static TokenReport apto(List<TokenReport.Trust> trust) {
    return new TokenReport(Platform.apto, AtomicPolicy.defaults(), AptoPolicy.builder(), trust, NOW);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSignedPayloadHasNoMaximumAndItsNbfIsDated() {
    // signed two minutes ahead of the report's clock: the builder refuses an nbf beyond its own clock
    String token = SignedPayloadBuilder.create(FakeKeys.rsa2048().keySource()).keyId("key_1")
        .clock(InstantSource.fixed(Cli.NOW.plusSeconds(120)))
        .payload("{\"nbf\":" + (Cli.NOW.getEpochSecond() + 120) + "}").sign();

    Map<String, Object> r = apto(List.of(new TokenReport.Trust(null, FakeKeys.rsa2048().publicKeyPem()))).explain(token);

    assertThat((Map<String, Object>) r.get("lifetime")).containsEntry("maximumSeconds", null).containsEntry("maximumHuman", "none");
    assertThat((Map<String, Object>) ((Map<String, Object>) r.get("times")).get("nbf")).containsEntry("relative", "valid in 2 min");
    assertThat((Map<String, Object>) r.get("timeline")).containsEntry("max", null).containsEntry("exp", null);
    Map<String, Object> verdict = (Map<String, Object>) r.get("verdict");
    assertThat(verdict.get("accepted")).as(verdict.toString()).isEqualTo(false);
    assertThat(verdict.get("violations").toString()).contains("NOT_YET_VALID");
  }

  @Test
  void aPemKeyForAPayloadWithoutKidNeedsOne() {
    String token = SignedPayloadBuilder.create(FakeKeys.rsa2048().keySource()).clock(NOW).payload("{}").sign();
    String unnamed = token.replaceFirst("^[^.]+", java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"RS256\"}".getBytes()));

    assertThatThrownBy(() -> apto(List.of(new TokenReport.Trust(null, FakeKeys.rsa2048().publicKeyPem()))).explain(unnamed))
        .isInstanceOf(JwtSignerException.class)
        .hasMessage("a PEM key for signed payloads needs the kid it is registered under, and the token names none."
            + " Fix: pass --trust KID=FILE, such as key_1=public.pem.");
  }

  @Test
  void readsWholeSecondsFromNumbersOnly() {
    assertThat(TokenReport.seconds(1767225600L)).isEqualTo(1767225600L);
    assertThat(TokenReport.seconds(7)).isEqualTo(7L);
    assertThat(TokenReport.seconds(new BigDecimal("1767225600.9"))).isEqualTo(1767225600L);
    assertThat(TokenReport.seconds(new BigDecimal("1e400"))).isNull();
    assertThat(TokenReport.seconds("1767225600")).isNull();
    assertThat(TokenReport.seconds(null)).isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAtomicTimelineEndsAtIatPlusThePolicyMaximum() {
    String token = dev.jwtsigner.atomic.AtomicTokenBuilder.create(FakeKeys.p521().keySource()).clock(NOW).subject("u")
        .expiresIn(Duration.ofHours(1)).sign();
    AtomicPolicy policy = AtomicPolicy.builder().maxTokenExpiry(Duration.ofHours(2)).build();

    Map<String, Object> r = new TokenReport(Platform.atomic, policy, null, List.of(), NOW).explain(token);

    long iat = Cli.NOW.getEpochSecond();
    assertThat((Map<String, Object>) r.get("timeline")).containsEntry("iat", iat).containsEntry("exp", iat + 3600)
        .containsEntry("max", iat + 7200).containsEntry("now", iat);
    assertThat((List<?>) r.get("warnings")).isEmpty();
    assertThat(r).doesNotContainKey("verdict").containsEntry("signatureChecked", false);
  }
}
