package dev.jwtsigner.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The leak detector catches each kind of planted leak, wherever it hides, and stays quiet on clean text. */
class LeakWatchTest {

  static final String RSA_PEM = TestKeys.pem("rsa2048.pem");
  static final RSAPrivateCrtKey RSA = (RSAPrivateCrtKey) KeySource.fromPemText(RSA_PEM).signingKey().privateKey();
  static final ECPrivateKey EC = (ECPrivateKey) KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey();
  static final LeakWatch WATCH = LeakWatch.forbidding().key("rsa", RSA).key("ec", EC).pem("rsa.pem", RSA_PEM);

  @Test
  void catchesThePrivateExponentInDecimalHexAndBase64AtEveryAlignment() {
    byte[] d = RSA.getPrivateExponent().toByteArray();
    for (int pad = 0; pad < 3; pad++) {
      byte[] padded = new byte[pad + d.length + 5];
      System.arraycopy(d, 0, padded, pad, d.length);
      String hidden = "blob=" + Base64.getUrlEncoder().encodeToString(padded);
      assertThat(WATCH.leaksIn(List.of(hidden))).as("alignment %s", pad).anyMatch(l -> l.contains("RSA private exponent"));
    }
    assertThat(WATCH.leaksIn(List.of("d=" + RSA.getPrivateExponent()))).anyMatch(l -> l.startsWith("rsa RSA private exponent (decimal)"));
    assertThat(WATCH.leaksIn(List.of("d=0x" + RSA.getPrivateExponent().toString(16).toUpperCase()))).anyMatch(l -> l.contains("(hex)"));
  }

  @Test
  void catchesTheEcScalarAndAPemLine() {
    assertThat(WATCH.leaksIn(List.of("s=" + EC.getS().toString(16)))).anyMatch(l -> l.startsWith("ec EC private scalar (hex)"));
    String line = RSA_PEM.lines().skip(3).findFirst().orElseThrow();
    assertThat(WATCH.leaksIn(List.of("parse error near " + line))).anyMatch(l -> l.startsWith("a PEM body line of rsa.pem"));
  }

  @Test
  void walksCausesAndSuppressedExceptions() {
    JwtSignerException outer = new JwtSignerException(Reason.KEY_MALFORMED, "clean", new IllegalStateException("clean too",
        new RuntimeException("value " + LeakWatch.CLAIM_SENTINEL)));
    outer.addSuppressed(new RuntimeException("pass " + LeakWatch.PASSPHRASE_SENTINEL));
    assertThat(WATCH.leaksIn(LeakWatch.texts(outer)))
        .anyMatch(l -> l.startsWith("the sentinel claim value"))
        .anyMatch(l -> l.startsWith("the sentinel passphrase"));
  }

  @Test
  void failsTheTestThatLoggedASecretThroughJavaUtilLoggingOrSystemLogger() {
    LeakWatch watch = LeakWatch.forbidding().key("rsa", RSA);
    watch.beforeAll(null);
    try {
      Logger.getLogger("dev.jwtsigner.any").fine("modulus " + RSA.getModulus());
      assertThatThrownBy(() -> watch.afterEach(null)).isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("rsa RSA modulus (decimal)");
      System.getLogger("dev.jwtsigner.other").log(System.Logger.Level.DEBUG, "claim " + LeakWatch.CLAIM_SENTINEL);
      assertThatThrownBy(() -> watch.afterEach(null)).hasMessageContaining("the sentinel claim value");
      LeakWatch.record(new JwtSignerException(Reason.KEY_MALFORMED, "PEM text holds a garbled or truncated PEM block."));
      watch.afterEach(null); // clean: passes, and the texts are cleared after each check
      assertThat(watch.pending()).isZero();
    } finally {
      watch.afterAll(null);
    }
  }

  @Test
  void staysQuietOnCleanMessages() {
    assertThat(WATCH.leaksIn(List.of("RSA key has 1024 bits; at least 2048 are required.", Arrays.toString(new int[] {1, 2}))))
        .isEmpty();
  }
}
