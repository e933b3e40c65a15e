package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.fuzz.FuzzedPem;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes public-key parsing: whatever the text, {@link PublicKeys#parse(String)} either gives one RSA or EC
 * public key or throws a {@link KeyRejectedException} that quotes no key line; any other throwable is a
 * finding. JWK and JWKS text is fuzzed from real ones, so that nimbus' JWK parser is reached too.
 */
class PublicKeysFuzzTest {

  private static final String JWK = PublicKeys.toJwk(PublicKeys.parse(TestKeys.pem("p521.pub.pem")), true).toJSONString();
  private static final String JWKS = "{\"keys\":[" + JWK + ","
      + PublicKeys.toJwk(PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem")), true).toJSONString() + "]}";

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    parsesOneKeyOrRejectsWithATypedReason(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    parsesOneKeyOrRejectsWithATypedReason(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(PublicKeysFuzzTest.class, "fuzz");
  }

  private static void parsesOneKeyOrRejectsWithATypedReason(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    String text = data.nextBoolean() ? data.splice(data.nextBoolean() ? JWK : JWKS, 64) : FuzzedPem.next(data);
    try {
      PublicKey key = PublicKeys.parse(text);
      assertThat(key).isInstanceOfAny(RSAPublicKey.class, ECPublicKey.class);
      assertThat(PublicKeys.thumbprint(key)).hasSize(43); // a usable key: on its curve, exportable as a JWK
    } catch (KeyRejectedException e) {
      FuzzedPem.assertNoKeyMaterial(e.getMessage(), text);
    }
  }
}
