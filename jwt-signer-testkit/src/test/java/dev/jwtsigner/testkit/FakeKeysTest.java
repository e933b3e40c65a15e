package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FakeKeysTest {

  @Test
  void namedFactoriesReturnTheFirstPairOfEachKind() {
    assertThat(FakeKeys.rsa2048()).isSameAs(FakeKeys.of(FakeKey.Type.RSA_2048, 1)).isSameAs(FakeKeys.rsa2048(1));
    assertThat(FakeKeys.rsa4096()).isSameAs(FakeKeys.of(FakeKey.Type.RSA_4096, 1)).isSameAs(FakeKeys.rsa4096(1));
    assertThat(FakeKeys.p521()).isSameAs(FakeKeys.of(FakeKey.Type.P521, 1)).isSameAs(FakeKeys.p521(1));
    assertThat(FakeKeys.rsa2048(2)).isSameAs(FakeKeys.of(FakeKey.Type.RSA_2048, 2));
    assertThat(FakeKeys.rsa4096(2)).isSameAs(FakeKeys.of(FakeKey.Type.RSA_4096, 2));
    assertThat(FakeKeys.p521(2)).isSameAs(FakeKeys.of(FakeKey.Type.P521, 2));
  }

  @ParameterizedTest
  @CsvSource({"RSA_2048, 1, fake-rsa2048-1, 2048", "RSA_2048, 2, fake-rsa2048-2, 2048", "RSA_4096, 1, fake-rsa4096-1, 4096",
      "RSA_4096, 2, fake-rsa4096-2, 4096", "P521, 1, fake-p521-1, 521", "P521, 2, fake-p521-2, 521"})
  void eachPairIsTheKindItSays(FakeKey.Type type, int index, String kid, int bits) {
    FakeKeyPair pair = FakeKeys.of(type, index);
    assertThat(pair.type()).isEqualTo(type);
    assertThat(pair.keyId()).isEqualTo(kid);
    int actualBits = pair.publicKey() instanceof RSAPublicKey rsa
        ? rsa.getModulus().bitLength()
        : ((ECPublicKey) pair.publicKey()).getParams().getCurve().getField().getFieldSize();
    assertThat(actualBits).isEqualTo(bits);
  }

  @Test
  void theTwoPairsOfAKindDiffer() {
    assertThat(FakeKeys.rsa2048(1).publicKey()).isNotEqualTo(FakeKeys.rsa2048(2).publicKey());
    assertThat(FakeKeys.rsa4096(1).publicKey()).isNotEqualTo(FakeKeys.rsa4096(2).publicKey());
    assertThat(FakeKeys.p521(1).publicKey()).isNotEqualTo(FakeKeys.p521(2).publicKey());
  }

  @Test
  void refusesAPairThatDoesNotExist() {
    assertThatThrownBy(() -> FakeKeys.rsa2048(3))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("there is no fake RSA_2048 key number 3. Fix: ask for key 1 or 2 of RSA_2048, RSA_4096 or P521.");
    assertThatThrownBy(() -> FakeKeys.of(null, 1)).hasMessageStartingWith("type is null.");
    assertThatThrownBy(() -> FakeKeys.p521(0)).hasMessageStartingWith("there is no fake P521 key number 0.");
  }
}
