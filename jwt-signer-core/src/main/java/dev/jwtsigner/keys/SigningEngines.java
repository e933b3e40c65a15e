package dev.jwtsigner.keys;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.Providers;
import java.util.ArrayList;
import java.util.List;

/**
 * What signs each algorithm, as one loggable line, so an operator can see that the fast path is on. A key
 * not bound to a provider signs on the fastest engine present: the Amazon Corretto Crypto Provider (native
 * AWS-LC) when it is on the class path and loads, else the JDK's for RSA and Bouncy Castle's for ES512. That
 * provider is never registered globally. Optional engines load in the background once signing has gone on for
 * a moment (after 32 signatures and verifications, or a second after the first), so that a short process
 * never pays for them; until then the line names the JDK's engine and says that a faster one, if present,
 * loads later, or that it is loading. Describing never starts a load.
 *
 * <pre>{@code
 * SigningEngines.describeAll().forEach(log::info);
 * // RS256 → AmazonCorrettoCryptoProvider 2.5.0 (native AWS-LC v1.47.0)
 * // ES512 → AmazonCorrettoCryptoProvider 2.5.0 (native AWS-LC v1.47.0)
 * log.info(SigningEngines.describe(keySource.signingKey(), JwsAlgorithm.RS512)); // an HSM key: its own provider
 * }</pre>
 */
public final class SigningEngines {

  private SigningEngines() {}

  /** The engine that signs {@code algorithm} now for a key not bound to a provider. */
  public static String describe(JwsAlgorithm algorithm) {
    return Providers.describe(KeyChecks.requireArgument(algorithm, "algorithm", "pass RS256, RS512 or ES512"));
  }

  /** What signs {@code algorithm} with {@code key}: its own provider or remote signer, else {@link #describe(JwsAlgorithm)}. */
  public static String describe(SigningKey key, JwsAlgorithm algorithm) {
    KeyChecks.requireArgument(key, "key", "pass the SigningKey to describe");
    KeyChecks.requireArgument(algorithm, "algorithm", "pass RS256, RS512 or ES512");
    if (key.remoteSigner().isPresent()) {
      return algorithm + " → RemoteSigner (the key service signs; the key never leaves it)";
    }
    if (key.provider().isPresent()) {
      return algorithm + " → " + Providers.bound(key.provider().get()).description();
    }
    return describe(algorithm);
  }

  /** {@link #describe(JwsAlgorithm)} for every algorithm, in {@link JwsAlgorithm} order. */
  public static List<String> describeAll() {
    List<String> lines = new ArrayList<>();
    for (JwsAlgorithm alg : JwsAlgorithm.values()) {
      lines.add(describe(alg));
    }
    return List.copyOf(lines);
  }
}
