package dev.jwtsigner.apto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TokenRejectedException;
import dev.jwtsigner.internal.DecodedJws;
import dev.jwtsigner.internal.JwsDecoder;
import dev.jwtsigner.internal.StrictJson;
import dev.jwtsigner.internal.TrustedKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the payload check: whatever the JSON text, {@code payload(json).sign()} either signs a token that the
 * strict decoder accepts with exactly the payload's members (plus {@code iat}), or throws a
 * {@link TokenRejectedException} with {@code PAYLOAD_REJECTED} and violations of the payload; any other
 * throwable is a finding.
 */
class SignedPayloadBuilderFuzzTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final AptoPolicy POLICY = AptoPolicy.defaults();
  private static final SignedPayloadBuilder BUILDER = SignedPayloadBuilder.create(AptoFixtures.keys("rsa2048"))
      .keyId("key_1").clock(InstantSource.fixed(NOW)).policy(POLICY);
  private static final StrictJson JSON = StrictJson.create(POLICY.maxPayloadBytes(), POLICY.maxDepth());
  private static final JwsDecoder DECODER = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), JSON);
  private static final List<TrustedKey> KEYS = List.of(TrustedKey.of("key_1", AptoFixtures.publicKey("rsa2048")));
  private static final String SEED = AptoFixtures.createUserJson();

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    signsWhatTheDecoderAcceptsOrRejectsThePayload(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    signsWhatTheDecoderAcceptsOrRejectsThePayload(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(SignedPayloadBuilderFuzzTest.class, "fuzz");
  }

  private static void signsWhatTheDecoderAcceptsOrRejectsThePayload(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    boolean issuedAt = data.nextBoolean();
    String json;
    switch (data.below(3)) {
      case 0:
        json = data.restAsText();
        break;
      case 1:
        json = data.restAsChars();
        break;
      default:
        json = data.splice(SEED, 256);
    }
    String token;
    try {
      token = BUILDER.issuedAt(issuedAt).payload(json).sign();
    } catch (TokenRejectedException e) {
      assertThat(e.reason()).isEqualTo(Reason.PAYLOAD_REJECTED);
      assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.field()).startsWith("payload"));
      return;
    }
    DecodedJws jws = DECODER.decode(token, KEYS);
    assertThat(jws.violations()).isEmpty();
    assertThat(jws.signatureValid()).isTrue();
    Map<String, Object> expected = new LinkedHashMap<>(JSON.parseObject(json, "payload", Reason.PAYLOAD_REJECTED));
    if (issuedAt) {
      expected.put("iat", NOW.getEpochSecond());
    }
    assertThat(jws.claims()).isEqualTo(expected);
  }
}
