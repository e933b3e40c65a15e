package dev.jwtsigner.spring;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.apto.SignedPayloadBuilder;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Signs Apto request bodies with the configured {@link SignedPayloadBuilder}, counted and timed in the
 * application's metrics (when Micrometer is present).
 *
 * <pre>{@code
 * String jwt = signedPayloads.sign(createUserBodyJson);
 * http.post(url).contentType(SignedPayloadBuilder.CONTENT_TYPE).body(jwt);
 * }</pre>
 */
public final class SignedPayloads {

  private final SignedPayloadBuilder builder;
  private final SigningMetrics metrics;

  SignedPayloads(SignedPayloadBuilder builder, SigningMetrics metrics) {
    this.builder = builder;
    this.metrics = metrics;
  }

  /**
   * {@code json} (one JSON object) as a compact RS256 JWS.
   *
   * @throws JwtSignerException with {@code PAYLOAD_REJECTED} if the payload breaks a rule
   */
  public String sign(String json) {
    return metered(() -> builder.payload(json).sign());
  }

  /** As {@link #sign(String)}, for a payload given as a map. */
  public String sign(Map<String, ?> payload) {
    return metered(() -> builder.payload(payload).sign());
  }

  private String metered(Supplier<String> sign) {
    long start = System.nanoTime();
    try {
      String signed = sign.get();
      metrics.signed(SigningMetrics.APTO, System.nanoTime() - start);
      return signed;
    } catch (JwtSignerException e) {
      metrics.refused(SigningMetrics.APTO, e);
      throw e;
    }
  }

  /** The configured builder. */
  public SignedPayloadBuilder builder() {
    return builder;
  }
}
