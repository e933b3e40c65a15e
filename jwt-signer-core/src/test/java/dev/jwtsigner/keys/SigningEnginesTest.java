package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.internal.Providers;
import java.security.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test class path has ACCP (test scope), so once it is loaded every line names it. */
class SigningEnginesTest {

  private static final String ACCP = "AmazonCorrettoCryptoProvider 2\\.5\\.0 \\(native AWS-LC v[0-9.]+\\)";

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void namesAccpForAnUnboundKeyOnceItIsLoaded(JwsAlgorithm alg) {
    Providers.engines(alg); // wait for the background load, as a server would a moment after start-up
    assertThat(SigningEngines.describe(alg)).matches(alg + " → " + ACCP);
    SigningKey plain = KeySource.fromPemText(TestKeys.pem(alg == JwsAlgorithm.ES512 ? "p521.pem" : "rsa2048.pem")).signingKey();
    assertThat(SigningEngines.describe(plain, alg)).isEqualTo(SigningEngines.describe(alg));
  }

  @Test
  void describesEveryAlgorithmInOrder() {
    Providers.engines(JwsAlgorithm.ES512);
    assertThat(SigningEngines.describeAll()).hasSize(3)
        .satisfiesExactly(l -> assertThat(l).startsWith("RS256 → "), l -> assertThat(l).startsWith("RS512 → "),
            l -> assertThat(l).startsWith("ES512 → "));
  }

  @Test
  void aKeyBoundToAProviderKeepsItsOwnEngine() {
    SigningKey bound = KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().withProvider(Security.getProvider("SunEC"));
    assertThat(SigningEngines.describe(bound, JwsAlgorithm.ES512)).matches("ES512 → SunEC [0-9.]+ \\(bound to the key\\)");
  }

  @Test
  void aRemoteKeyKeepsItsRemoteSigner() {
    SigningKey remote = SigningKey.remote(PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem")), "k", request -> new byte[0]);
    assertThat(SigningEngines.describe(remote, JwsAlgorithm.RS256))
        .isEqualTo("RS256 → RemoteSigner (the key service signs; the key never leaves it)");
  }

  @Test
  void theFasterSigningDocsNameTheAccpVersionAndClassifierTheBuildTestsWith() throws Exception {
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("jwtsigner.root", ".."));
    String pom = java.nio.file.Files.readString(root.resolve("pom.xml"));
    java.util.regex.Matcher version = java.util.regex.Pattern.compile("<accp.version>([^<]+)</accp.version>").matcher(pom);
    java.util.regex.Matcher classifier = java.util.regex.Pattern.compile("<accp.classifier>([^<]+)</accp.classifier>").matcher(pom);
    assertThat(version.find() && classifier.find()).isTrue();
    String dependency = "<groupId>software.amazon.cryptools</groupId>\n\\s*<artifactId>AmazonCorrettoCryptoProvider</artifactId>\n"
        + "\\s*<version>" + version.group(1) + "</version>\n\\s*<classifier>";
    for (String page : new String[] {"README.md", "docs/performance.md"}) {
      String text = java.nio.file.Files.readString(root.resolve(page));
      assertThat(text).as(page).containsPattern(dependency + java.util.regex.Pattern.quote(classifier.group(1)) + "</classifier>");
    }
    String performance = java.nio.file.Files.readString(root.resolve("docs/performance.md"));
    assertThat(performance).containsPattern("<artifactId>os-maven-plugin</artifactId>\n\\s*<version>1\\.7\\.1</version>")
        .contains("<classifier>${os.detected.classifier}</classifier>");
    Providers.engines(JwsAlgorithm.RS256);
    assertThat(performance).as("the page's example line is what this build prints")
        .contains("`" + SigningEngines.describe(JwsAlgorithm.ES512) + "`");
  }

  @Test
  void refusesANullAlgorithm() {
    assertThatThrownBy(() -> SigningEngines.describe(null))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("algorithm is null. Fix: pass RS256, RS512 or ES512.");
  }
}
