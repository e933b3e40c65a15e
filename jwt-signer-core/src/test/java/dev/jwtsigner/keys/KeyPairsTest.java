package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.internal.JoseSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPairsTest {

  static KeyPair rsa;
  static KeyPair ec;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateOnce() {
    rsa = KeyPairs.generate(JwsAlgorithm.RS256);
    ec = KeyPairs.generate(JwsAlgorithm.ES512);
  }

  @Test
  void generatesRsa2048ForRs256AndP521ForEs512() {
    assertThat(((RSAPublicKey) rsa.getPublic()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(KeyChecks.isP521(((ECPublicKey) ec.getPublic()).getParams())).isTrue();
  }

  @Test
  void makesEs512KeysOnP521WithTheSizeGivenOrNot() {
    for (KeyPair pair : List.of(KeyPairs.generate(JwsAlgorithm.ES512, 521), KeyPairs.generate(JwsAlgorithm.ES512))) {
      assertThat(KeyChecks.describe(pair.getPublic())).isEqualTo("EC P-521");
      assertThat(KeyChecks.describe(pair.getPrivate())).isEqualTo("EC P-521");
    }
  }

  @Test
  void choosesRsa4096ForRs512UnlessASizeIsGiven() {
    assertThat(KeyPairs.defaultBits(JwsAlgorithm.RS512)).isEqualTo(4096);
    assertThat(KeyPairs.defaultBits(JwsAlgorithm.RS256)).isEqualTo(2048);
    assertThat(((RSAPublicKey) KeyPairs.generate(JwsAlgorithm.RS512, 3072).getPublic()).getModulus().bitLength()).isEqualTo(3072);
  }

  @Test
  void exportedFormsReadBackAsTheSameKeys() {
    for (KeyPair pair : List.of(rsa, ec)) {
      assertThat(KeySource.fromPemText(KeyPairs.privateKeyPem(pair.getPrivate())).signingKey().privateKey()).isEqualTo(pair.getPrivate());
      assertThat(PublicKeys.parse(KeyPairs.publicKeyPem(pair.getPublic()))).isEqualTo(pair.getPublic());
      assertThat(PublicKeys.parseAllWithIds(KeyPairs.jwk(pair.getPublic())))
          .containsExactly(Map.entry(PublicKeys.thumbprint(pair.getPublic()), pair.getPublic()));
      assertThat(PublicKeys.parseAllWithIds(KeyPairs.jwks(pair.getPublic())))
          .containsExactly(Map.entry(PublicKeys.thumbprint(pair.getPublic()), pair.getPublic()));
    }
    String pkcs1 = KeyPairs.rsaPublicKeyPem(rsa.getPublic());
    assertThat(pkcs1).startsWith("-----BEGIN RSA PUBLIC KEY-----");
    assertThat(PublicKeys.parse(pkcs1)).isEqualTo(rsa.getPublic());
  }

  @Test
  void writesPkcs1ExactlyAsOpensslDoes() {
    PublicKey key = PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem"));
    assertThat(KeyPairs.rsaPublicKeyPem(key).replace("\r", "")).isEqualTo(TestKeys.pem("rsa2048.pub.rsa.pem"));
    assertThat(KeyPairs.publicKeyPem(key).replace("\r", "")).isEqualTo(TestKeys.pem("rsa2048.pub.pem"));
  }

  @Test
  void writesEveryFileWithThePrivateKeyOwnerOnly() throws Exception {
    Path folder = dir.resolve("keys");
    List<Path> written = KeyPairs.writeFiles(rsa, folder);
    assertThat(written).extracting(p -> p.getFileName().toString())
        .containsExactly("private.pem", "public.pem", "public-rsa.pem", "public.jwk.json", "jwks.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("private.pem")))).isEqualTo("rw-------");
    assertThat(KeySource.fromPem(folder.resolve("private.pem")).signingKey().privateKey()).isEqualTo(rsa.getPrivate());
    for (Path file : written.subList(1, written.size())) {
      assertThat(PublicKeys.parse(Files.readString(file))).as(file.toString()).isEqualTo(rsa.getPublic());
    }
  }

  @Test
  void writesNoPkcs1FileForAnEcKey() {
    assertThat(KeyPairs.writeFiles(ec, dir)).extracting(p -> p.getFileName().toString())
        .containsExactly("private.pem", "public.pem", "public.jwk.json", "jwks.json");
  }

  @Test
  void generatedKeysSign() {
    SigningKey key = KeySource.of(ec.getPrivate()).signingKey();
    assertThat(JoseSigner.prepare(key, JwsAlgorithm.ES512).sign("{}")).matches("[^.]+\\.e30\\.[^.]+");
  }

  @Test
  void neverOverwritesAPrivateKey() throws Exception {
    KeyPairs.writeFiles(rsa, dir);
    String before = Files.readString(dir.resolve("private.pem"));
    assertThatThrownBy(() -> KeyPairs.writeFiles(ec, dir))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_EXPORT_FAILED))
        .hasMessage(dir.resolve("private.pem") + " already exists; a private key is never overwritten. Fix: pick another"
            + " folder, or move the old key away first if you really mean to replace it.");
    assertThat(Files.readString(dir.resolve("private.pem"))).isEqualTo(before);
  }

  @Test
  void refusesRsaBelow2048Bits() {
    assertThatThrownBy(() -> KeyPairs.generate(JwsAlgorithm.RS256, 1024))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_TOO_SHORT))
        .hasMessage("an RSA key of 1024 bits is too short; at least 2048 are required (RFC 7518 section 3.3)."
            + " Fix: pass 2048, 3072 or 4096.");
  }

  @Test
  void refusesASizeForEs512() {
    assertThatThrownBy(() -> KeyPairs.generate(JwsAlgorithm.ES512, 4096))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("ES512 keys are on P-521; a size of 4096 bits does not apply. Fix: pass no size, or 521.");
  }

  @Test
  void refusesPkcs1ForAnEcKey() {
    assertThatThrownBy(() -> KeyPairs.rsaPublicKeyPem(ec.getPublic()))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("an RSA PUBLIC KEY block holds only RSA keys, not EC. Fix: write an EC key with KeyPairs.publicKeyPem.");
  }

  @Test
  void refusesToExportAKeyThatCannotLeaveItsToken() {
    PrivateKey hidden = new PrivateKey() {
      private static final long serialVersionUID = 1L;

      @Override
      public String getAlgorithm() {
        return "RSA";
      }

      @Override
      public String getFormat() {
        return null;
      }

      @Override
      public byte[] getEncoded() {
        return null;
      }
    };
    assertThatThrownBy(() -> KeyPairs.privateKeyPem(hidden))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_EXPORT_FAILED))
        .hasMessage("the private key cannot be exported (it lives in an HSM or key store that keeps it)."
            + " Fix: export keys that were made in software, such as with KeyPairs.generate.");
  }
}
