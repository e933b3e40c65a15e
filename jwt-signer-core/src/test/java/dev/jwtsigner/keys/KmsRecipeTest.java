package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.atomic.AtomicTokenBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SignResponse;

/**
 * docs/kms.md's AWS KMS recipe: the page's class is exactly {@link AwsKmsSigningKey} (compiled here against
 * the AWS SDK, test scope only), and it signs tokens through an in-process {@link KmsClient} that signs the
 * digest as KMS documents it. No KMS is called.
 */
class KmsRecipeTest {

  private static final Path ROOT = Path.of(System.getProperty("jwtsigner.root", ".."));
  /** DigestInfo prefixes (RFC 8017 section 9.2 note 1), which KMS puts before a DIGEST message for PKCS#1 v1.5. */
  private static final byte[] SHA256_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
  private static final byte[] SHA512_INFO = HexFormat.of().parseHex("3051300d060960864801650304020305000440");

  @Test
  void theRecipeOnThePageIsTheCompiledTestSourceCharacterForCharacter() throws Exception {
    String page = Files.readString(ROOT.resolve("docs/kms.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(page);
    assertThat(block.find()).isTrue();
    String source = Files.readString(ROOT.resolve("jwt-signer-core/src/test/java/dev/jwtsigner/keys/AwsKmsSigningKey.java"));
    assertThat(block.group(1)).isEqualTo(source.replaceFirst("^package dev\\.jwtsigner\\.keys;\\n\\n", "").strip());
  }

  @ParameterizedTest
  @CsvSource({"rsa2048, RSA_2048, RS256", "rsa4096, RSA_4096, RS512", "p521, ECC_NIST_P521, ES512"})
  void theRecipeSignsTokensThroughAKmsShapedClient(String keyName, String keySpec, JwsAlgorithm alg) throws Exception {
    FakeKms kms = new FakeKms(keyName, keySpec);
    SigningKey key = AwsKmsSigningKey.of(kms, "alias/jwt", "key_1");

    String jws = AtomicTokenBuilder.create(() -> key).algorithm(alg).subject("u1").sign();

    assertThat(PemKeysTest.verifies(jws, alg, PublicKeys.parse(TestKeys.pem(keyName + ".pub.pem")))).isTrue();
    assertThat(kms.requests).singleElement().satisfies(r -> {
      assertThat(r.messageType()).isEqualTo(MessageType.DIGEST);
      assertThat(r.signingAlgorithm()).isEqualTo(AwsKmsSigningKey.kmsAlgorithm(alg));
      assertThat(r.keyId()).isEqualTo("alias/jwt");
    });
    if (alg == JwsAlgorithm.ES512) {
      assertThat(Base64.getUrlDecoder().decode(jws.split("\\.")[2])).hasSize(132);
    }
  }

  @Test
  void aKmsErrorBecomesSigningFailedWithTheSdkExceptionAsCause() throws Exception {
    FakeKms kms = new FakeKms("rsa2048", "RSA_2048");
    SigningKey key = AwsKmsSigningKey.of(kms, "alias/jwt", null);
    kms.failWith = KmsException.builder().message("User is not authorized to perform: kms:Sign").build();

    assertThatThrownBy(() -> AtomicTokenBuilder.create(() -> key).subject("u1").sign())
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIGNING_FAILED))
        .hasMessage("the RS256 signature by the RemoteSigner failed (KmsException); it was not retried."
            + " Fix: check the key id, its permissions and the key service's answer.")
        .hasCause(kms.failWith);
    assertThat(kms.requests).as("one call, no retry").hasSize(1);
  }

  /** Answers GetPublicKey and Sign as KMS does, from a local key. */
  private static final class FakeKms implements KmsClient {
    final List<SignRequest> requests = new ArrayList<>();
    final String keySpec;
    final PrivateKey privateKey;
    final byte[] spki;
    RuntimeException failWith;

    FakeKms(String keyName, String keySpec) {
      this.keySpec = keySpec;
      this.privateKey = KeySource.fromPemText(TestKeys.pem(keyName + ".pem")).signingKey().privateKey();
      this.spki = PublicKeys.parse(TestKeys.pem(keyName + ".pub.pem")).getEncoded();
    }

    @Override
    public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
      return GetPublicKeyResponse.builder().keyId(request.keyId()).keySpec(keySpec).publicKey(SdkBytes.fromByteArray(spki)).build();
    }

    @Override
    public SignResponse sign(SignRequest request) {
      requests.add(request);
      if (failWith != null) {
        throw failWith;
      }
      try {
        byte[] digest = request.message().asByteArray();
        boolean ec = keySpec.startsWith("ECC");
        Signature s = Signature.getInstance(ec ? "NONEwithECDSA" : "NONEwithRSA");
        s.initSign(privateKey);
        if (!ec) {
          s.update(digest.length == 32 ? SHA256_INFO : SHA512_INFO);
        }
        s.update(digest);
        return SignResponse.builder().keyId(request.keyId()).signature(SdkBytes.fromByteArray(s.sign()))
            .signingAlgorithm(request.signingAlgorithm()).build();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String serviceName() {
      return "kms";
    }

    @Override
    public void close() {}
  }
}
