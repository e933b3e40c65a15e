package dev.jwtsigner.bench.coldstart;

import dev.jwtsigner.bench.Claims;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;

/** Cold start, the floor: a JWS put together by hand and signed with {@code java.security.Signature}. */
public final class RawJcaStart {

  private RawJcaStart() {}

  public static void main(String[] args) throws Exception {
    ColdStart run = ColdStart.parse(args);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"" + run.algorithm + "\",\"typ\":\"JWT\"}";
    String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(Claims.JSON.getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance(switch (run.algorithm) {
      case "RS256" -> "SHA256withRSA";
      case "RS512" -> "SHA512withRSA";
      default -> "SHA512withECDSAinP1363Format"; // JWS wants r||s, not DER
    });
    signature.initSign(run.jcaPrivateKey());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    System.out.println(signingInput + "." + b64.encodeToString(signature.sign()));
  }
}
