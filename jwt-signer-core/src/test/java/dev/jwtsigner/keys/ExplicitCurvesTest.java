package dev.jwtsigner.keys;

import static dev.jwtsigner.keys.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.KeyRequirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EC keys that openssl writes with explicit curve parameters. */
class ExplicitCurvesTest {

  @TempDir
  Path dir;

  @Test
  void recognisesP521ByItsParametersInSec1AndPkcs8AndInThePublicKey() throws Exception {
    ExternalTools.require("openssl");
    run(dir, "openssl", "ecparam", "-name", "secp521r1", "-param_enc", "explicit", "-genkey", "-out", "sec1.pem");
    run(dir, "openssl", "pkey", "-in", "sec1.pem", "-out", "pkcs8.pem");
    run(dir, "openssl", "pkey", "-in", "sec1.pem", "-pubout", "-out", "public.pem");
    String named = run(dir, "openssl", "pkey", "-in", "sec1.pem", "-pubout", "-ec_param_enc", "named_curve");
    assertThat(Files.readString(dir.resolve("sec1.pem"))).doesNotContain("BgUrgQQAIw"); // the OID 1.3.132.0.35 is absent

    PublicKey explicitPublic = PublicKeys.parse(Files.readString(dir.resolve("public.pem")));
    assertThat(explicitPublic).isEqualTo(PublicKeys.parse(named));
    assertThat(KeyRequirements.isP521(((ECPublicKey) PublicKeys.check(explicitPublic)).getParams())).isTrue();
    for (String file : new String[] {"sec1.pem", "pkcs8.pem"}) {
      SigningKey key = KeySource.fromPem(dir.resolve(file)).signingKey();
      assertThat(key.privateKey()).isInstanceOf(ECPrivateKey.class);
      assertThat(KeyRequirements.isP521(((ECPrivateKey) key.privateKey()).getParams())).isTrue();
      assertThat(OpenSshKeysTest.signsFor(key, explicitPublic)).as(file).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"prime256v1, 256", "secp384r1, 384", "brainpoolP512r1, 512"})
  void refusesAnyOtherExplicitCurve(String curve, int bits) throws Exception {
    ExternalTools.require("openssl");
    run(dir, "openssl", "ecparam", "-name", curve, "-param_enc", "explicit", "-genkey", "-out", "key.pem");
    run(dir, "openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");
    Path file = dir.resolve("key.pem");

    assertThatThrownBy(() -> KeySource.fromPem(file))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessage("key file " + file + " holds an EC private key with explicit parameters of a " + bits
            + "-bit curve that is not P-521; ES512 needs P-521 (secp521r1). Fix: " + KeyChecks.MAKE_P521 + ".");
    String publicPem = Files.readString(dir.resolve("public.pem"));
    assertThatThrownBy(() -> PublicKeys.parse(publicPem))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_CURVE_UNSUPPORTED))
        .hasMessageStartingWith("public key text holds an EC key with explicit parameters of a " + bits + "-bit curve");
  }
}
