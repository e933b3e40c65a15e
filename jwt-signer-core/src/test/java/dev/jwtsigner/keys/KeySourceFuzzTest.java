package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwtsigner.fuzz.FuzzInput;
import dev.jwtsigner.fuzz.FuzzedPem;
import dev.jwtsigner.KeyRejectedException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes PEM loading: whatever the text and passphrase, {@link KeySource#fromPemText(String, char[])} either
 * gives a usable RSA or EC key or throws a {@link KeyRejectedException} whose message shows no key material;
 * any other throwable is a finding. {@code fuzz} runs with {@code -Pfuzz}; the saved inputs replay in every build.
 */
class KeySourceFuzzTest {

  @Tag("fuzz")
  @FuzzTest(maxDuration = "2m")
  void fuzz(byte[] input) {
    loadsAUsableKeyOrRejectsWithATypedReason(input);
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource
  void replaysSavedInputs(String name, byte[] input) {
    loadsAUsableKeyOrRejectsWithATypedReason(input);
  }

  static Stream<Arguments> replaysSavedInputs() {
    return FuzzInput.saved(KeySourceFuzzTest.class, "fuzz");
  }

  private static void loadsAUsableKeyOrRejectsWithATypedReason(byte[] input) {
    FuzzInput data = new FuzzInput(input);
    char[] passphrase = FuzzedPem.passphrase(data);
    String pem = FuzzedPem.next(data);
    try {
      SigningKey key = KeySource.fromPemText(pem, passphrase).signingKey();
      assertThat(key.privateKey().getAlgorithm()).isIn("RSA", "EC");
      assertThat(key.toString()).doesNotContain(FuzzedPem.MARKER);
    } catch (KeyRejectedException e) {
      FuzzedPem.assertNoKeyMaterial(e.getMessage(), pem);
    }
  }
}
