package dev.jwtsigner.testkit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import dev.jwtsigner.internal.JoseSigner;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link SignedPayloadVerifier#verify(String)}: whatever the token, it returns a verdict (never
 * throws), and it accepts a token only if we signed its header and payload; any other outcome is a finding.
 */
class SignedPayloadVerifierFuzzTest {

  private static final TestClock CLOCK = TestClock.create();
  private static final String BODY = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"phone\",\"country_code\":\"1\","
      + "\"phone_number\":\"2025550123\",\"verification\":{\"verification_id\":\"entity_1\"}}]},\"amount\":12.5,\"tags\":[true,null,-3]}";
  private static final SignedPayloadVerifier VERIFIER = SignedPayloadVerifier.create()
      .trust("key_1", FakeKeys.rsa2048().publicKey()).trust("key_2", FakeKeys.rsa2048(2).publicKey()).clock(CLOCK);
  private static final FuzzedTokens TOKENS = new FuzzedTokens(
      List.of(builder(FakeKeys.rsa2048(), "key_1").sign(),
          builder(FakeKeys.rsa2048(2), "key_2").expiresIn(Duration.ofMinutes(5)).sign()),
      List.of(JoseSigner.prepare(FakeKeys.rsa2048().keySource().signingKey(), JwsAlgorithm.RS256, "key_1")));

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    acceptsOnlyWhatWeSigned(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    acceptsOnlyWhatWeSigned(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(SignedPayloadVerifierFuzzTest.class, "fuzz");
  }

  private static void acceptsOnlyWhatWeSigned(byte[] input) {
    TOKENS.verifyAcceptsOnlyWhatWeSigned(VERIFIER, input);
  }

  private static SignedPayloadBuilder builder(FakeKeyPair pair, String kid) {
    return SignedPayloadBuilder.create(pair.keySource()).keyId(kid).clock(CLOCK).payload(BODY);
  }
}
