package dev.jwtsigner.testkit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.atomic.AtomicPolicy;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.internal.JoseSigner;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link AtomicPlatformVerifier#verify(String)}: whatever the token, it returns a verdict (never
 * throws), and it accepts a token only if we signed its header and claims; any other outcome is a finding.
 */
class AtomicPlatformVerifierFuzzTest {

  private static final TestClock CLOCK = TestClock.create();
  private static final AtomicPolicy POLICY = AtomicPolicy.builder().allowedIssuers("my-backend").build();
  private static final AtomicPlatformVerifier VERIFIER = AtomicPlatformVerifier.create(POLICY)
      .trust(FakeKeys.rsa2048().publicKey(), FakeKeys.rsa4096().publicKey(), FakeKeys.p521().publicKey())
      .clock(CLOCK);
  private static final FuzzedTokens TOKENS = new FuzzedTokens(
      List.of(token(FakeKeys.rsa2048(), JwsAlgorithm.RS256), token(FakeKeys.rsa4096(), JwsAlgorithm.RS512),
          token(FakeKeys.p521(), JwsAlgorithm.ES512)),
      List.of(JoseSigner.prepare(FakeKeys.rsa2048().keySource().signingKey(), JwsAlgorithm.RS256),
          JoseSigner.prepare(FakeKeys.p521().keySource().signingKey(), JwsAlgorithm.ES512)));

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
    return FuzzInput.saved(AtomicPlatformVerifierFuzzTest.class, "fuzz");
  }

  private static void acceptsOnlyWhatWeSigned(byte[] input) {
    TOKENS.verifyAcceptsOnlyWhatWeSigned(VERIFIER, input);
  }

  private static String token(FakeKeyPair pair, JwsAlgorithm alg) {
    return AtomicTokenBuilder.create(pair.keySource()).algorithm(alg).policy(POLICY).issuer("my-backend").clock(CLOCK)
        .subject("user-1").email("user@example.com").expiresIn(Duration.ofHours(1)).sign();
  }
}
