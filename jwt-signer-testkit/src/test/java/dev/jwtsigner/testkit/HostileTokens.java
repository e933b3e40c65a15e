package dev.jwtsigner.testkit;

import static dev.jwtsigner.catalogue.LeakWatch.CLAIM_SENTINEL;

import dev.jwtsigner.catalogue.BadInput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hand-made compact JWSs for the verifiers' bad-input catalogues: properly RS256-signed tokens with hostile
 * headers or claims (so only the content is wrong), and forgeries (alg none, HS256 keyed with the public key,
 * an all-zero ES512 signature).
 *
 * <pre>{@code
 * String token = HostileTokens.rs256(FakeKeys.rsa2048().privateKey(), "{\"alg\":\"RS256\"}", "{\"exp\":1e400}");
 * }</pre>
 */
final class HostileTokens {

  static final FakeKeyPair KEY = FakeKeys.rsa2048();
  static final FakeKeyPair P521 = FakeKeys.p521();
  static final String HEADER = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

  private HostileTokens() {}

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code header.claims} signed with RS256 by {@code key}. */
  static String rs256(PrivateKey key, String header, String claims) {
    String input = b64(header) + "." + b64(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} signed by the test key with the usual header. */
  static String signed(String claims) {
    return rs256(KEY.privateKey(), HEADER, claims);
  }

  /** Claims with a sentinel user and profile, a valid iat and {@code exp}. */
  static String claims(String exp) {
    return "{\"sub\":\"" + CLAIM_SENTINEL + "\",\"email\":\"" + CLAIM_SENTINEL + "\",\"iat\":" + (System.currentTimeMillis() / 1000)
        + ",\"exp\":" + exp + "}";
  }

  /** HS256 keyed with the RSA public key's encoding: the algorithm-confusion forgery. */
  static String hs256WithPublicKey(String claims) {
    String input = b64("{\"alg\":\"HS256\"}") + "." + b64(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An ES512 token whose signature is r = s = 0 (CVE-2022-21449, "psychic signatures"). */
  static String psychicEs512(String claims) {
    return b64("{\"alg\":\"ES512\"}") + "." + b64(claims) + "." + b64(new byte[132]);
  }

  /**
   * The tokens every verifier must refuse, built on {@code claims}: name, token, then the rule the Atomic
   * verifier (trusting the RSA and the P-521 key) names, the rule the signed-payload verifier (RS256 only)
   * names, and the fake Mobile API's status.
   */
  static Object[][] forgeries(String claims) {
    String good = signed(claims);
    String[] parts = good.split("\\.");
    return new Object[][] {
        {"alg none", b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".", "ALGORITHM_NOT_ALLOWED", "ALGORITHM_NOT_ALLOWED", 401},
        {"HS256 keyed with the public key", hs256WithPublicKey(claims), "ALGORITHM_NOT_ALLOWED", "ALGORITHM_NOT_ALLOWED", 401},
        {"ES512 r = s = 0", psychicEs512(claims), "SIGNATURE_INVALID", "ALGORITHM_NOT_ALLOWED", 401},
        {"signature of another token", parts[0] + "." + b64(claims.replace("}", ",\"x\":1}")) + "." + parts[2],
            "SIGNATURE_INVALID", "SIGNATURE_INVALID", 401},
        {"truncated signature", good.substring(0, good.length() - 10), "SIGNATURE_INVALID", "SIGNATURE_INVALID", 401},
        {"header nested 1,000 deep", b64("{\"alg\":".repeat(1_000) + "1" + "}".repeat(1_000)) + "." + parts[1] + "." + parts[2],
            "TOO_DEEP", "TOO_DEEP", 400},
        {"header of 20,000-deep JSON", b64(BadInput.DEEP_JSON) + "." + parts[1] + "." + parts[2], "TOO_LARGE", "TOO_LARGE", 400},
        {"header with duplicate alg", rs256(KEY.privateKey(), "{\"alg\":\"RS256\",\"alg\":\"RS256\"}", claims),
            "DUPLICATE_MEMBER", "DUPLICATE_MEMBER", 400},
        {"header with crit", rs256(KEY.privateKey(), "{\"alg\":\"RS256\",\"crit\":[\"x\"],\"x\":1}", claims),
            "CRITICAL_HEADER_UNSUPPORTED", "CRITICAL_HEADER_UNSUPPORTED", 401},
        {"claims nested 5,000 deep", signed("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)), "TOO_DEEP", "TOO_DEEP", 401},
        {"claims of 20,000-deep JSON", signed(BadInput.DEEP_OBJECT), "TOO_LARGE", "TOO_LARGE", 413},
        {"claims with duplicate names", signed(claims.replaceFirst("\\{", "{\"exp\":1,")), "DUPLICATE_MEMBER", "DUPLICATE_MEMBER", 401},
        {"claims with a lone surrogate", signed(claims.replace("}", ",\"x\":\"\\ud800\"}")), "INVALID_UNICODE", "INVALID_UNICODE", 401},
        {"claims as a JSON array", signed("[" + claims + "]"), "NOT_A_JSON_OBJECT", "NOT_A_JSON_OBJECT", 401},
        {"claims of binary garbage", signed(BadInput.BINARY), "JSON_MALFORMED", "JSON_MALFORMED", 401},
    };
  }
}
