package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProvidersTest {

  @ParameterizedTest
  @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "RS512"})
  void rsaUsesTheJdksDefaultLookupEitherWay(JwsAlgorithm alg) {
    assertThat(Providers.fastestFor(alg)).isEmpty();
    assertThat(Providers.fastestReadyFor(alg)).isEmpty();
  }

  @Test
  void es512WithoutWaitingGetsBouncyCastleOnceTheBackgroundLoadIsDone() throws Exception {
    Optional<Provider> ready = Providers.fastestReadyFor(JwsAlgorithm.ES512);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (ready.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      ready = Providers.fastestReadyFor(JwsAlgorithm.ES512);
    }

    assertThat(ready).containsSame(Providers.bouncyCastle());
    assertThat(Providers.fastestFor(JwsAlgorithm.ES512)).containsSame(Providers.bouncyCastle());
  }

  @Test
  void theLoaderIsANamedDaemonThreadSoItNeverKeepsTheJvmAlive() {
    Thread loader = Providers.loaderThread(() -> { });
    assertThat(loader.isDaemon()).isTrue();
    assertThat(loader.getName()).isEqualTo("jwt-signer-bouncycastle-loader");
  }

  @Test
  void bouncyCastleIsNeverRegisteredGlobally() {
    Providers.bouncyCastle();
    assertThat(Security.getProvider("BC")).isNull();
  }
}
