package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Project Wycheproof conformance of {@link JwsDecoder}: every case of the JWS file through
 * {@link JwsDecoder#decode}, and every case of the raw RS256, RS512 and ES512 signature files through
 * {@link JwsDecoder#verifySignature}, the routine {@code decode} verifies with.
 *
 * <p>Classification (src/test/resources/wycheproof/README.md): {@code valid} must be accepted unless the platforms'
 * rules forbid it (an algorithm outside RS256/RS512/ES512; a key below 2048 bits or off P-521; a JWK
 * that is not a verification key for the token's algorithm, see {@link #expectJws});
 * {@code invalid} must be rejected; {@code acceptable} follows the choice stated per flag in
 * {@link #ACCEPTABLE_CHOICES}. A JWS counts as accepted when its signature verified and nothing but the
 * claims is faulted: Wycheproof's payloads are arbitrary bytes ({@code foo}), not JSON objects, and the
 * claims shape is checked separately. Counts per file and result are printed after the run.
 */
class JwsDecoderWycheproofTest {

  private static final String JWS_FILE = "json_web_signature_test.json";
  private static final Map<String, JwsAlgorithm> RAW_FILES = Map.of(
      "rsa_signature_2048_sha256_test.json", JwsAlgorithm.RS256,
      "rsa_signature_2048_sha512_test.json", JwsAlgorithm.RS512,
      "rsa_signature_4096_sha512_test.json", JwsAlgorithm.RS512,
      "ecdsa_secp521r1_sha512_p1363_test.json", JwsAlgorithm.ES512);

  /**
   * What we do with each {@code acceptable} flag. MissingNull: a PKCS#1 v1.5 DigestInfo without the NULL
   * parameters of the hash algorithm. RFC 8017 section 9.2 note 2 lets verifiers accept it, the JDK's
   * SunRsaSign does, and for SHA-2 it is unambiguous: accepted when the JDK verifies RS256/RS512. AWS-LC
   * (the Amazon Corretto Crypto Provider, which verifies them when it is on the class path, as in this build)
   * refuses it: rejected then. Both are allowed; no mainstream signer leaves the NULL out.
   */
  private static final Map<String, Boolean> ACCEPTABLE_CHOICES =
      Map.of("MissingNull", Providers.engines(JwsAlgorithm.RS256).get(0).provider() == null);

  private static final JwsDecoder DECODER =
      JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class), StrictJson.create(65_536, 100));
  private static final StrictJson VECTOR_JSON = StrictJson.create(2_000_000, 20);
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  /** The vectors live in this module's test resources, {@code wycheproof/} (its README says where they come from). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String file) {
    try (InputStream in = JwsDecoderWycheproofTest.class.getResourceAsStream("/wycheproof/" + file)) {
      if (in == null) {
        throw new IllegalStateException("wycheproof/" + file + " is missing from the test resources");
      }
      return VECTOR_JSON.parseObject(in.readAllBytes(), file, Reason.INVALID_ARGUMENT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  /** One row: a display name, the expected outcome with its reason, and the check that yields the actual one. */
  record Case(String file, String result, boolean expectAccepted, String why, CheckedSupplier check) {}

  @FunctionalInterface
  interface CheckedSupplier {
    boolean accepted() throws Exception;
  }

  // --- the JWS file ---

  static Stream<Arguments> jwsCases() throws Exception {
    List<Arguments> rows = new ArrayList<>();
    for (Map<String, Object> group : list(read(JWS_FILE).get("testGroups"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> publicJwk = (Map<String, Object>) group.get("public");
      List<TrustedKey> keys = trustedKeys(publicJwk);
      for (Map<String, Object> test : list(group.get("tests"))) {
        String token = (String) test.get("jws");
        String result = (String) test.get("result");
        Expectation expected = expectJws(result, token, publicJwk == null ? Map.of() : publicJwk);
        rows.add(row(JWS_FILE, test, new Case(JWS_FILE, result, expected.accept, expected.why, () -> {
          DecodedJws jws = DECODER.decode(token, keys);
          return jws.signatureValid() && jws.violations().stream().map(Violation::field).allMatch("claims"::equals);
        })));
      }
    }
    return rows.stream();
  }

  /** The key a verifier trusts from this JWK, or none when {@link TrustedKey#fromJwk} refuses it. */
  private static List<TrustedKey> trustedKeys(Map<String, Object> publicJwk) throws Exception {
    if (publicJwk == null || publicJwk.isEmpty()) {
      return List.of(); // symmetric keys only: the decoder checks signatures, never MACs
    }
    try {
      return List.of(TrustedKey.fromJwk(JWK.parse(publicJwk)));
    } catch (JwtSignerException e) {
      return List.of();
    }
  }

  record Expectation(boolean accept, String why) {}

  /**
   * The oracle, from the raw JSON and nimbus, independent of the code under test: a valid case is accepted
   * unless its algorithm is outside the whitelist, or its JWK is not a verification key for that algorithm
   * (RFC 7517 section 4: {@code use} other than {@code sig}, {@code key_ops} without {@code verify}, or an
   * {@code alg} other than the token's).
   */
  private static Expectation expectJws(String result, String token, Map<String, Object> publicJwk) throws Exception {
    if (!result.equals("valid")) {
      return new Expectation(false, result + ": must be rejected");
    }
    String alg = JWSObject.parse(token).getHeader().getAlgorithm().getName();
    if (JwsAlgorithm.fromJoseName(alg).isEmpty()) {
      return new Expectation(false, "valid, but " + alg + " is outside the RS256/RS512/ES512 whitelist");
    }
    Object use = publicJwk.get("use");
    Object ops = publicJwk.get("key_ops");
    Object keyAlg = publicJwk.get("alg");
    if ((use != null && !use.equals("sig")) || (ops instanceof List<?> l && !l.contains("verify"))) {
      return new Expectation(false, "valid, but the JWK is not marked for verifying signatures");
    }
    if (keyAlg != null && !keyAlg.equals(alg)) {
      return new Expectation(false, "valid, but the JWK is registered for alg " + keyAlg + ", not " + alg);
    }
    return new Expectation(true, "valid " + alg + ": must be accepted");
  }

  // --- the raw signature files ---

  static Stream<Arguments> rawCases() throws Exception {
    List<Arguments> rows = new ArrayList<>();
    for (Map.Entry<String, JwsAlgorithm> file : new TreeMap<>(RAW_FILES).entrySet()) {
      JwsAlgorithm alg = file.getValue();
      for (Map<String, Object> group : list(read(file.getKey()).get("testGroups"))) {
        byte[] der = HexFormat.of().parseHex((String) group.get("publicKeyDer"));
        PublicKey publicKey = KeyFactory.getInstance(alg.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(der));
        TrustedKey key = TrustedKey.of(null, publicKey);
        for (Map<String, Object> test : list(group.get("tests"))) {
          byte[] msg = HexFormat.of().parseHex((String) test.get("msg"));
          byte[] sig = HexFormat.of().parseHex((String) test.get("sig"));
          String result = (String) test.get("result");
          Expectation expected = expectRaw(result, flags(test), key, alg);
          rows.add(row(file.getKey(), test, new Case(file.getKey(), result, expected.accept, expected.why,
              () -> JwsDecoder.verifySignature(alg, key, msg, sig))));
        }
      }
    }
    return rows.stream();
  }

  private static Expectation expectRaw(String result, List<String> flags, TrustedKey key, JwsAlgorithm alg) {
    switch (result) {
      case "valid":
        return key.suits(alg)
            ? new Expectation(true, "valid: must be accepted")
            : new Expectation(false, "valid, but the key is below the platforms' floor (RSA 2048 bits, EC P-521)");
      case "invalid":
        return new Expectation(false, "invalid: must be rejected");
      default:
        Set<Boolean> choices = new HashSet<>();
        flags.forEach(f -> choices.add(ACCEPTABLE_CHOICES.get(f)));
        assertThat(choices).as("one stated choice for the acceptable flags " + flags).hasSize(1).doesNotContainNull();
        boolean accept = choices.iterator().next();
        return new Expectation(accept, "acceptable " + flags + ": " + (accept ? "accepted" : "rejected")
            + " by the stated choice");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> flags(Map<String, Object> test) {
    return (List<String>) test.getOrDefault("flags", List.of());
  }

  private static Arguments row(String file, Map<String, Object> test, Case c) {
    String name = file + " #" + test.get("tcId") + " " + test.get("comment") + " (" + c.result() + ")";
    return Arguments.of(name, c);
  }

  // --- the tests ---

  @ParameterizedTest(name = "{0}")
  @MethodSource("jwsCases")
  void jsonWebSignatureCase(String name, Case c) throws Exception {
    check(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rawCases")
  void rawSignatureCase(String name, Case c) throws Exception {
    check(c);
  }

  private static void check(Case c) throws Exception {
    boolean accepted = c.check().accepted();
    COUNTS.computeIfAbsent(c.file() + " " + c.result() + (accepted ? " accepted" : " rejected"), k -> new AtomicInteger())
        .incrementAndGet();
    assertThat(accepted).as(c.why()).isEqualTo(c.expectAccepted());
  }

  @AfterAll
  static void printCountsAndCheckEveryCaseRan() {
    Map<String, Integer> perFile = new TreeMap<>();
    new TreeMap<>(COUNTS).forEach((k, v) -> {
      System.out.println("wycheproof " + k + ": " + v.get());
      perFile.merge(k.substring(0, k.indexOf(' ')), v.get(), Integer::sum);
    });
    if (perFile.size() == 1 + RAW_FILES.size()) { // the whole class ran, not a single row from an IDE
      perFile.forEach((file, ran) ->
          assertThat(ran).as(file + " cases run").isEqualTo(((Number) read(file).get("numberOfTests")).intValue()));
    }
  }
}
