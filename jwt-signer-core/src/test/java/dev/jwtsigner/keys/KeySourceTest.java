package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.KeyFactory;
import java.security.spec.RSAPrivateCrtKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeySourceTest {

  static final String PASS = "correct horse battery";

  @TempDir
  Path dir;

  @Test
  void loadsPkcs8RsaPemText() {
    SigningKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    assertThat(key.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(key.keyId()).isEmpty();
    assertThat(key).hasToString("SigningKey[RSA 2048 bits]");
  }

  @Test
  void attachesTheKeyIdToEveryKey() {
    KeySource source = KeySource.fromPemText(TestKeys.pem("p521.pem")).withKeyId("key-2");
    assertThat(source.signingKey().keyId()).contains("key-2");
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521, kid=key-2]");
  }

  @Test
  void lambdaSourceGetsKeyIdToo() {
    SigningKey base = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey();
    KeySource custom = () -> base;
    assertThat(custom.withKeyId("k").signingKey().keyId()).contains("k");
  }

  @Test
  void rejectsBlankKeyId() {
    KeySource source = KeySource.fromPemText(TestKeys.pem("rsa2048.pem"));
    assertThatThrownBy(() -> source.withKeyId("  "))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ID_INVALID))
        .hasMessageStartingWith("kid is blank.");
  }

  @Test
  void rejectsRsaBelow2048Bits() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa1024.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TOO_SHORT))
        .hasMessageStartingWith("RSA key has 1024 bits; at least 2048 are required (RFC 7518 section 3.3). Fix: make one with");
  }

  @Test
  void rejectsEcKeyNotOnP521() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("p256.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessageStartingWith("EC key is on a 256-bit curve; ES512 needs P-521 (secp521r1).");
  }

  @Test
  void rejectsEd25519() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("ed25519.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessageContaining("cannot sign RS256, RS512 or ES512");
  }

  @Test
  void rejectsPublicKeyWhereAPrivateKeyBelongs() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.pub.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_PRIVATE))
        .hasMessageStartingWith("PEM text holds only a public key or certificate");
  }

  @Test
  void rejectsEmptyAndGarbledText() {
    assertThatThrownBy(() -> KeySource.fromPemText(""))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("PEM text is empty");
    assertThatThrownBy(() -> KeySource.fromPemText("hello"))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("PEM text holds no PEM private key block.");
  }

  @Test
  void rejectsTruncatedPemWithoutEchoingIt() {
    String pem = TestKeys.pem("rsa2048.pem");
    String truncated = pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> KeySource.fromPemText(truncated))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED);
          assertThat(e.getMessage()).doesNotContain(pem.lines().skip(1).findFirst().orElseThrow());
        });
  }

  @Test
  void loadsAPemFile() throws Exception {
    Path file = copy("rsa4096.pem");
    KeySource source = KeySource.fromPem(file);
    assertThat(source.signingKey()).hasToString("SigningKey[RSA 4096 bits]");
    assertThat(source).hasToString("KeySource.fromPem(" + file + ")[SigningKey[RSA 4096 bits]]");
  }

  @ParameterizedTest
  @CsvSource({"rsa2048.encrypted.pem, RSA 2048 bits", "rsa2048.legacy-encrypted.pem, RSA 2048 bits",
      "rsa2048.camellia-encrypted.pem, RSA 2048 bits", "p521.openssh-encrypted, EC P-521"})
  void decryptsWithThePassphrase(String name, String description) throws Exception {
    assertThat(KeySource.fromPem(copy(name), PASS.toCharArray()).signingKey()).hasToString("SigningKey[" + description + "]");
    assertThat(KeySource.fromPemText(TestKeys.pem(name), PASS.toCharArray()).signingKey()).hasToString("SigningKey[" + description + "]");
  }

  @ParameterizedTest
  @CsvSource({"p521.explicit.pem", "p521.putty-openssh"})
  void loadsP521WrittenWithExplicitParametersOrByPuttygenAsTheSameKey(String name) {
    ECPrivateKey expected = (ECPrivateKey) KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey();

    ECPrivateKey key = (ECPrivateKey) KeySource.fromPemText(TestKeys.pem(name)).signingKey().privateKey();

    assertThat(key.getS()).isEqualTo(expected.getS());
    assertThat(KeyChecks.isP521(key.getParams())).isTrue();
  }

  @Test
  void refusesAnotherCurveWrittenWithExplicitParameters() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("p256.explicit.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessage("PEM text holds an EC private key with explicit parameters of a 256-bit curve that is not P-521;"
            + " ES512 needs P-521 (secp521r1). Fix: " + KeyChecks.MAKE_P521 + ".");
  }

  @Test
  void refusesAnRsaPssKey() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsapss.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessage(KeyChecksTest.PSS_REFUSED);
  }

  @ParameterizedTest
  @CsvSource({"correct horse battery", "not the passphrase"})
  void namesACipherItCannotDecryptWhateverThePassphrase(String passphrase) {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.aria-encrypted.pem"), passphrase.toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessageStartingWith("PEM text holds a private key encrypted with aria-256-cbc, a cipher this library cannot decrypt");
  }

  @Test
  void callsAWrongPassphraseWrongEvenForAKeyEncryptedWithTheProbePassphrase() {
    // to tell a wrong passphrase from a cipher it cannot run, the reader tries the cipher with "probe"
    String pem = TestKeys.pem("p521.probe-encrypted.pem");
    assertThatThrownBy(() -> KeySource.fromPemText(pem, "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG));
    assertThat(KeySource.fromPemText(pem, "probe".toCharArray()).signingKey())
        .hasToString("SigningKey[EC P-521]");
  }

  @Test
  void refusesAnOpenSshDsaKeyByItsType() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("dsa.openssh")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessageStartingWith("PEM text holds an OpenSSH ssh-dss key, which cannot sign RS256, RS512 or ES512;");
  }

  @ParameterizedTest
  @CsvSource({"rsa2048.ppk, a PuTTY .ppk key file", "rsa2048.sshcom, an ssh.com (SSH2) private key file"})
  void refusesPuttyAndSshComFilesWithTheConversionCommand(String name, String format) {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem(name)))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessage("PEM text is " + format + ", not a PEM private key. Fix: convert it to PEM with PuTTY's tool:"
            + " `puttygen key.ppk -O private-openssh -o key.pem` (apt-get install putty-tools), then load key.pem.");
  }

  @Test
  void ignoresAPassphraseForAnUnencryptedKey() {
    assertThat(KeySource.fromPemText(TestKeys.pem("p521.pem"), PASS.toCharArray()).signingKey()).hasToString("SigningKey[EC P-521]");
  }

  @Test
  void loadsTheKeyOfACertificateBundle() {
    String bundle = TestKeys.pem("rsa2048.cert.pem") + TestKeys.pem("rsa2048.pem");
    assertThat(KeySource.fromPemText(bundle).signingKey().privateKey())
        .isEqualTo(KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey());
  }

  @Test
  void readsEscapedNewlinesOfASingleLineVariable() {
    String oneLine = TestKeys.pem("p521.pem").replace("\n", "\\n");
    assertThat(KeySource.fromPemText(oneLine).signingKey()).hasToString("SigningKey[EC P-521]");
  }

  @Test
  void loadsTheKeyFromAnEnvironmentVariable() {
    KeySource source = FixedKeySource.fromEnvironment("JWT_PRIVATE_KEY", Map.of("JWT_PRIVATE_KEY", TestKeys.pem("p521.pem"))::get);
    assertThat(source.signingKey()).hasToString("SigningKey[EC P-521]");
    assertThat(source).hasToString("KeySource.fromEnvironment(JWT_PRIVATE_KEY)[SigningKey[EC P-521]]");
  }

  @Test
  void rejectsAMissingEnvironmentVariable() {
    assertThatThrownBy(() -> KeySource.fromEnvironment("JWT_SIGNER_TEST_VARIABLE_THAT_IS_NEVER_SET"))
        .isInstanceOfSatisfying(KeyRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ENVIRONMENT_VARIABLE_MISSING))
        .hasMessage("environment variable JWT_SIGNER_TEST_VARIABLE_THAT_IS_NEVER_SET is not set. Fix: set it to the PEM"
            + " text of the private key, such as with `export JWT_SIGNER_TEST_VARIABLE_THAT_IS_NEVER_SET=\"$(cat private.pem)\"`.");
  }

  @Test
  void rejectsAnEmptyEnvironmentVariable() {
    assertThatThrownBy(() -> FixedKeySource.fromEnvironment("JWT_PRIVATE_KEY", Map.of("JWT_PRIVATE_KEY", " ")::get))
        .isInstanceOfSatisfying(KeyRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_ENVIRONMENT_VARIABLE_MISSING))
        .hasMessageStartingWith("environment variable JWT_PRIVATE_KEY is empty. Fix: set it to the PEM text");
  }

  @Test
  void rejectsAnEnvironmentVariableWithoutAKeyNamingTheVariable() {
    assertThatThrownBy(() -> FixedKeySource.fromEnvironment("JWT_PRIVATE_KEY", Map.of("JWT_PRIVATE_KEY", "/etc/jwt/private.pem")::get))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("environment variable JWT_PRIVATE_KEY holds no PEM private key block.");
  }

  @Test
  void rejectsAMissingFile() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> KeySource.fromPem(missing))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_FILE_UNREADABLE))
        .hasMessage("key file " + missing + " does not exist (working directory " + Path.of("").toAbsolutePath() + ")."
            + " Fix: pass the right path, or " + KeyChecks.MAKE_RSA + ".");
  }

  @Test
  void rejectsADirectory() {
    assertThatThrownBy(() -> KeySource.fromPem(dir))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_FILE_UNREADABLE))
        .hasMessage("key file " + dir + " is a directory. Fix: pass the path of the PEM file inside it, such as private.pem.");
  }

  @Test
  void rejectsABinaryFile() throws Exception {
    String pem = TestKeys.pem("rsa2048.pem");
    Path der = dir.resolve("key.der");
    Files.write(der, Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
    assertThatThrownBy(() -> KeySource.fromPem(der))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessage("key file " + der + " is binary, not PEM text (a DER key or a PKCS#12 key store?). Fix: convert a DER key"
            + " with `openssl pkey -inform DER -in key.der -out private.pem`, or load a .p12 file with KeySource.fromKeyStore.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rsa2048.encrypted.pem | encrypted PKCS#8 with aes-256-cbc, -----BEGIN ENCRYPTED PRIVATE KEY----- | openssl pkey -in key.pem -out private.pem",
      "rsa2048.legacy-encrypted.pem | legacy PEM encryption, Proc-Type: 4,ENCRYPTED | openssl pkey -in key.pem -out private.pem",
      "p521.openssh-encrypted | OpenSSH format, encrypted with aes256-ctr | ssh-keygen -p -N \"\" -m PEM -f key"})
  void rejectsAnEncryptedKeyWithoutPassphrase(String file, String kind, String decryptCommand) {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem(file)))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_REQUIRED))
        .hasMessage("PEM text holds an encrypted private key (" + kind + ") and no passphrase was given."
            + " Fix: pass the passphrase, as in KeySource.fromPem(path, passphrase), or write an unencrypted copy"
            + " with `" + decryptCommand + "` and keep it in a secret store.");
  }

  @Test
  void rejectsAWrongPassphrase() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("p521.openssh-encrypted"), "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG))
        .hasMessageStartingWith("PEM text holds an encrypted private key (OpenSSH format, encrypted with aes256-ctr)"
            + " that the given passphrase does not decrypt.");
  }

  @Test
  void rejectsAnOpenSshEd25519Key() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("ed25519.openssh")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TYPE_UNSUPPORTED))
        .hasMessage("PEM text holds an OpenSSH ssh-ed25519 key, which cannot sign RS256, RS512 or ES512; only RSA (2048 bits"
            + " or more) and EC P-521 keys can. Fix: " + KeyChecks.MAKE_RSA + ", or `ssh-keygen -t ecdsa -b 521 -m PEM -P \"\" -f jwtES512.key`.");
  }

  @Test
  void rejectsACertificateWhereAPrivateKeyBelongs() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.cert.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_PRIVATE))
        .hasMessage("PEM text holds only a public key or certificate; signing needs the private key. Fix: pass the private key"
            + " file (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----), and upload the public one to the platform.");
  }

  @Test
  void rejectsTwoPrivateKeysInOneText() {
    assertThatThrownBy(() -> KeySource.fromPemText(TestKeys.pem("rsa2048.pem") + TestKeys.pem("p521.pem")))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("PEM text holds more than one private key. Fix: keep one private key per file;");
  }

  @Test
  void rejectsAGarbledOpenSshKey() {
    String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString("not a key".getBytes(StandardCharsets.US_ASCII))
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
    assertThatThrownBy(() -> KeySource.fromPemText(pem))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessage("PEM text holds a garbled or truncated PEM block. Fix: copy the whole key file, from -----BEGIN to -----END,"
            + " or " + KeyChecks.MAKE_RSA + ".");
  }

  @Test
  void loadsAKeyFromAPkcs12KeyStoreWithoutBindingItsProvider() throws Exception {
    KeyStore store = pkcs12();
    SigningKey key = KeySource.fromKeyStore(store, "jwt", PASS.toCharArray()).signingKey();
    assertThat(key.privateKey()).isEqualTo(KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey());
    assertThat(key.provider()).as("a software key signs on the fastest provider").isEmpty();
  }

  @Test
  void rejectsAnUnknownKeyStoreAliasListingTheOthers() throws Exception {
    KeyStore store = pkcs12();
    assertThatThrownBy(() -> KeySource.fromKeyStore(store, "nope", PASS.toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_STORE_ENTRY_UNUSABLE))
        .hasMessage("key store PKCS12 entry \"nope\" does not exist; the key store's aliases are [cert-only, jwt]."
            + " Fix: pass one of those aliases (list them with `keytool -list -keystore <file>`).");
  }

  @Test
  void rejectsAWrongKeyStorePassword() throws Exception {
    KeyStore store = pkcs12();
    assertThatThrownBy(() -> KeySource.fromKeyStore(store, "jwt", "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_PASSPHRASE_WRONG))
        .hasMessage("key store PKCS12 entry \"jwt\" cannot be recovered with the given password. Fix: pass the key's password"
            + " (for PKCS#12 usually the store password).");
  }

  @Test
  void rejectsACertificateOnlyKeyStoreEntry() throws Exception {
    KeyStore store = pkcs12();
    assertThatThrownBy(() -> KeySource.fromKeyStore(store, "cert-only", PASS.toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_NOT_PRIVATE))
        .hasMessageStartingWith("key store PKCS12 entry \"cert-only\" holds only a certificate; signing needs a private key entry.");
  }

  @Test
  void rejectsAKeyStoreThatIsNotLoaded() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    assertThatThrownBy(() -> KeySource.fromKeyStore(store, "jwt", PASS.toCharArray()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_STORE_ENTRY_UNUSABLE))
        .hasMessage("key store PKCS12 is not loaded. Fix: call keyStore.load(stream, password) before KeySource.fromKeyStore.");
  }

  @Test
  void noMessageOrToStringHoldsKeyMaterial() throws Exception {
    String pem = TestKeys.pem("rsa2048.pem");
    RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) KeySource.fromPemText(pem).signingKey().privateKey();
    List<String> texts = new ArrayList<>();
    String truncated = pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n";
    for (Runnable attempt : List.<Runnable>of(
        () -> KeySource.fromPemText(truncated),
        () -> KeySource.fromPemText(pem.replace("MII", "MI!")),
        () -> KeySource.fromPemText(TestKeys.pem("rsa2048.encrypted.pem"), "my wrong passphrase".toCharArray()),
        () -> KeySource.fromPemText(TestKeys.pem("rsa2048.legacy-encrypted.pem"), "my wrong passphrase".toCharArray()),
        () -> KeySource.fromPemText(TestKeys.pem("p521.openssh-encrypted"), "my wrong passphrase".toCharArray()),
        () -> KeySource.fromPemText(TestKeys.pem("rsa2048.encrypted.pem")),
        () -> KeySource.fromPemText(TestKeys.pem("rsa1024.pem")),
        () -> KeySource.fromPemText(pem + pem),
        () -> PublicKeys.parse(pem),
        () -> PublicKeys.parse(pem.replace("PRIVATE", "PUBLIC")))) {
      try {
        attempt.run();
        throw new AssertionError("accepted");
      } catch (KeyRejectedException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          texts.add(t.toString());
        }
      }
    }
    KeySource loaded = KeySource.fromPemText(pem, PASS.toCharArray()).withKeyId("k1");
    texts.add(loaded.toString());
    texts.add(loaded.signingKey().toString());
    texts.add(KeySource.fromPem(copy("rsa2048.encrypted.pem"), PASS.toCharArray()).toString());

    List<String> secrets = new ArrayList<>(pem.lines().filter(l -> !l.startsWith("-----")).toList());
    for (BigInteger n : List.of(rsa.getModulus(), rsa.getPrivateExponent(), rsa.getPrimeP())) {
      byte[] bytes = n.toByteArray();
      secrets.add(n.toString().substring(0, 40));
      secrets.add(n.toString(16).substring(0, 40));
      secrets.add(HexFormat.of().formatHex(bytes).substring(0, 40));
      secrets.add(Base64.getEncoder().encodeToString(bytes).substring(0, 40));
      secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(8, 48));
    }
    secrets.add("my wrong passphrase");
    secrets.add(PASS);
    assertThat(texts).hasSize(13);
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  private Path copy(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, TestKeys.pem(name));
    return file;
  }

  /** A PKCS#12 store in memory: the RSA-2048 test key with its certificate under "jwt", and a certificate-only entry. */
  static KeyStore pkcs12() throws Exception {
    PrivateKey key = KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
    Certificate cert = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(TestKeys.pem("rsa2048.cert.pem").getBytes(StandardCharsets.US_ASCII)));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, PASS.toCharArray());
    store.setKeyEntry("jwt", key, PASS.toCharArray(), new Certificate[] {cert});
    store.setCertificateEntry("cert-only", cert);
    return store;
  }

  @Test
  void rejectsAnRsaKeyMixedFromTwoKeysLikeAFileReadWhileBeingRewritten() throws Exception {
    RSAPrivateCrtKey a = (RSAPrivateCrtKey) KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
    RSAPrivateCrtKey b = (RSAPrivateCrtKey) KeyPairGeneratorHolder.OTHER_2048.getPrivate();
    // the first half of one key's integers and the second half of the other's, as a torn read gives
    PrivateKey mixed = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
        a.getModulus(), a.getPublicExponent(), a.getPrivateExponent(),
        b.getPrimeP(), b.getPrimeQ(), b.getPrimeExponentP(), b.getPrimeExponentQ(), b.getCrtCoefficient()));
    assertThatThrownBy(() -> KeySource.of(mixed))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("the RSA private key's parts do not belong together (p·q is not n, or a CRT value does"
            + " not match), so no signature made with it would verify;");
  }

  @ParameterizedTest(name = "p = {0}")
  @ValueSource(booleans = {true, false})
  void rejectsAnRsaKeyWithAPrimeOfOneAsMalformedNotWithAnArithmeticError(boolean pIsOne) throws Exception {
    RSAPrivateCrtKey a = (RSAPrivateCrtKey) KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
    java.math.BigInteger one = java.math.BigInteger.ONE;
    // p·q is still n, but p − 1 (or q − 1) is 0, which no CRT exponent can be reduced by
    PrivateKey trivial = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
        a.getModulus(), a.getPublicExponent(), a.getPrivateExponent(), pIsOne ? one : a.getModulus(), pIsOne ? a.getModulus() : one,
        // with q = 1, a dP that fits p = n, so that the check reaches q − 1
        pIsOne ? a.getPrimeExponentP() : a.getPublicExponent().modInverse(a.getModulus().subtract(one)),
        a.getPrimeExponentQ(), a.getCrtCoefficient()));
    assertThatThrownBy(() -> KeySource.of(trivial))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED))
        .hasMessageStartingWith("the RSA private key's parts do not belong together");
  }

  @Test
  void rejectsAnRsaKeyWhoseCrtCoefficientIsCorrupted() throws Exception {
    RSAPrivateCrtKey a = (RSAPrivateCrtKey) KeySource.fromPemText(TestKeys.pem("rsa2048.pem")).signingKey().privateKey();
    PrivateKey corrupted = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
        a.getModulus(), a.getPublicExponent(), a.getPrivateExponent(), a.getPrimeP(), a.getPrimeQ(),
        a.getPrimeExponentP(), a.getPrimeExponentQ(), a.getCrtCoefficient().add(java.math.BigInteger.ONE)));
    assertThatThrownBy(() -> KeySource.of(corrupted))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MALFORMED));
    assertThat(KeySource.of(a).signingKey().privateKey()).as("the intact key still loads").isSameAs(a);
  }

  /** One extra 2048-bit key, made once for the whole class. */
  private static final class KeyPairGeneratorHolder {
    static final java.security.KeyPair OTHER_2048 = generate();

    private static java.security.KeyPair generate() {
      try {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
      } catch (java.security.GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }
  }
}
