package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The core with and without Bouncy Castle. The default test run has it; the surefire execution
 * {@code without-bouncycastle} of this module runs this class alone with bcprov, bcpkix and bcutil left off the
 * class path and {@code -Djwtsigner.bouncycastle=absent}, which enables the tests that need it gone.
 */
class OptionalBouncyCastleTest {

  private static final String ABSENT = "jwtsigner.bouncycastle";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @Test
  @DisabledIfSystemProperty(named = ABSENT, matches = "absent")
  void findsBouncyCastleOnTheDefaultClassPath() {
    assertThat(OptionalBouncyCastle.providerPresent()).isTrue();
    assertThat(OptionalBouncyCastle.pemReaderPresent()).isTrue();
    assertThat(Providers.bouncyCastle().getName()).isEqualTo("BC");
  }

  @Test
  void theRefusalNamesTheInputTheDependencyAndAConversion() {
    KeyRejectedException e = OptionalBouncyCastle.pemReaderMissing("key file key.pem");

    assertThat(e.reason()).isEqualTo(Reason.KEY_FORMAT_NEEDS_BOUNCY_CASTLE);
    assertThat(e).hasMessage("key file key.pem is not an unencrypted PKCS#8 PRIVATE KEY or PKCS#1 RSA PRIVATE KEY"
        + " that the JDK reads alone; its format (encrypted, SEC1 EC PRIVATE KEY, OpenSSH, several blocks) and the"
        + " exact reason a key is refused need Bouncy Castle, which is not on the class path. Fix: add the dependency"
        + " org.bouncycastle:bcpkix-jdk18on (with bcprov-jdk18on), or convert the key with"
        + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out private.pem`.");
  }

  @Test
  @EnabledIfSystemProperty(named = ABSENT, matches = "absent")
  void theClassPathReallyLacksBouncyCastle() {
    assertThatThrownBy(() -> Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(OptionalBouncyCastle.providerPresent()).isFalse();
    assertThat(OptionalBouncyCastle.pemReaderPresent()).isFalse();
    assertThat(Providers.engines(JwsAlgorithm.ES512)).extracting(Engine::description)
        .noneMatch(description -> description.contains("Bouncy Castle"));
  }

  @ParameterizedTest
  @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "RS512"})
  @EnabledIfSystemProperty(named = ABSENT, matches = "absent")
  void signsRsaWithAPkcs8OrPkcs1KeyReadByTheJdk(JwsAlgorithm alg) throws Exception {
    String pkcs8 = TestKeys.pem("rsa2048.pem");
    String pkcs1 = openssl(pkcs8, "pkey", "-traditional");
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    for (String pem : new String[] {pkcs8, pkcs1}) {
      String token = AtomicTokenBuilder.create(KeySource.fromPemText(pem)).algorithm(alg).clock(CLOCK).subject("u1").sign();
      assertThat(verifies(token, alg.jcaName(), publicKey("rsa2048", "RSA"))).isTrue();
    }
  }

  @Test
  @EnabledIfSystemProperty(named = ABSENT, matches = "absent")
  void signsAndVerifiesEs512OnSunEcWithAPkcs8Key() throws Exception {
    String token = AtomicTokenBuilder.create(KeySource.fromPemText(TestKeys.pem("p521.pem")))
        .algorithm(JwsAlgorithm.ES512).clock(CLOCK).subject("u1").sign();

    PublicKey p521 = publicKey("p521", "EC");
    assertThat(verifies(token, Providers.signatureName(JwsAlgorithm.ES512), p521)).isTrue();
    JwsDecoder decoder = JwsDecoder.create(EnumSet.of(JwsAlgorithm.ES512), StrictJson.create(65_536, 100));
    assertThat(decoder.decode(token, List.of(TrustedKey.of(null, p521))).signatureValid()).isTrue();
  }

  @Test
  @EnabledIfSystemProperty(named = ABSENT, matches = "absent")
  void refusesAnEncryptedKeyAtLoadNamingTheDependency() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.encrypted.pem"), "correct horse battery".toCharArray()))
        .isInstanceOf(KeyRejectedException.class)
        .hasMessageStartingWith("PEM text is not an unencrypted PKCS#8 PRIVATE KEY")
        .hasMessageContaining("Fix: add the dependency org.bouncycastle:bcpkix-jdk18on")
        .extracting(t -> ((KeyRejectedException) t).reason()).isEqualTo(Reason.KEY_FORMAT_NEEDS_BOUNCY_CASTLE);
  }

  @Test
  @EnabledIfSystemProperty(named = ABSENT, matches = "absent")
  void refusesASec1EcKeyAtLoadNamingTheDependency() throws Exception {
    String sec1 = openssl(TestKeys.pem("p521.pem"), "pkey", "-traditional");
    assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");

    assertThatThrownBy(() -> KeySource.fromPemText(sec1))
        .isInstanceOf(KeyRejectedException.class)
        .hasMessageContaining("Fix: add the dependency org.bouncycastle:bcpkix-jdk18on")
        .extracting(t -> ((KeyRejectedException) t).reason()).isEqualTo(Reason.KEY_FORMAT_NEEDS_BOUNCY_CASTLE);
  }

  private static PublicKey publicKey(String name, String algorithm) throws Exception {
    String b64 = TestKeys.pem(name + ".pub.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  /** The JDK's own check of a compact JWS: no library of ours or of Bouncy Castle's in between. */
  private static boolean verifies(String token, String jcaName, PublicKey key) throws Exception {
    int dot = token.lastIndexOf('.');
    Signature verifier = Signature.getInstance(jcaName);
    verifier.initVerify(key);
    verifier.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
    return verifier.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)));
  }

  /** {@code openssl <args>} with {@code input} on standard input; its standard output. */
  private static String openssl(String input, String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.US_ASCII));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("openssl exit code").isZero();
    return out;
  }
}
