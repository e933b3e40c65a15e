package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodedJwsTest {

  private static final Violation BAD_SIGNATURE =
      Violation.of("signature", Rule.SIGNATURE_INVALID, "the signature does not verify.", "sign with the right key.");

  @Test
  void exposesWhatWasDecoded() {
    DecodedJws jws = new DecodedJws(true, Map.of("alg", "RS256", "kid", "k1"), Map.of("sub", "u1"),
        JwsAlgorithm.RS256, "k1", List.of(), true, true);
    assertThat(jws.claimsDecoded()).isTrue();
    assertThat(jws.signatureValid()).isTrue();
    assertThat(jws.header()).containsEntry("kid", "k1");
    assertThat(jws.claims()).containsOnly(Map.entry("sub", "u1"));
    assertThat(jws.algorithm()).contains(JwsAlgorithm.RS256);
    assertThat(jws.keyId()).contains("k1");
    assertThat(jws.violations()).isEmpty();
  }

  @Test
  void nothingDecodedMeansEmptyMapsAndNoAlgorithm() {
    DecodedJws jws = new DecodedJws(false, null, null, null, null, List.of(BAD_SIGNATURE), false, false);
    assertThat(jws.claimsDecoded()).isFalse();
    assertThat(jws.header()).isEmpty();
    assertThat(jws.claims()).isEmpty();
    assertThat(jws.algorithm()).isEmpty();
    assertThat(jws.keyId()).isEmpty();
    assertThat(jws.violations()).containsExactly(BAD_SIGNATURE);
  }

  @Test
  void violationsAreACopyThatCannotChange() {
    List<Violation> source = new ArrayList<>(List.of(BAD_SIGNATURE));
    DecodedJws jws = new DecodedJws(false, Map.of(), Map.of(), null, null, source, false, false);
    source.clear();
    assertThat(jws.violations()).containsExactly(BAD_SIGNATURE);
    assertThatThrownBy(() -> jws.violations().add(BAD_SIGNATURE)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void decodedMapsCannotBeChanged() {
    JwsDecoder decoder = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(1_000, 10));
    DecodedJws jws = decoder.decode(Jws.token("{\"alg\":\"RS256\"}", "{\"sub\":\"u1\"}", new byte[256]), List.of());
    assertThat(jws.claims()).containsEntry("sub", "u1");
    assertThatThrownBy(() -> jws.claims().put("sub", "admin")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> jws.header().put("alg", "none")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringShowsNoHeaderOrClaimValues() {
    DecodedJws ok = new DecodedJws(true, Map.of("kid", "secret-kid"), Map.of("sub", "alice"), JwsAlgorithm.ES512,
        "secret-kid", List.of(), true, true);
    assertThat(ok).hasToString("DecodedJws[alg=ES512, kid present, signature valid, 0 violations]");
    DecodedJws bad = new DecodedJws(false, Map.of(), Map.of(), null, null, List.of(BAD_SIGNATURE), false, false);
    assertThat(bad).hasToString("DecodedJws[alg=unknown, no kid, signature not verified, 1 violation]");
  }
}
