package dev.jwtsigner.internal;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a JWS header, as a careful platform applies them: {@code alg} a string naming an allowed
 * algorithm (any other, {@code none} and HMAC included, refuses the token before any key is tried), no
 * {@code crit}, and a {@code kid}, when present, a non-empty string. Embedded keys ({@code jwk}, {@code jku},
 * {@code x5c}, {@code x5u}) are never read.
 *
 * <pre>{@code
 * HeaderRules.Header h = HeaderRules.check(header, allowed, violations);
 * }</pre>
 */
final class HeaderRules {

  /** JOSE algorithm names registered for JWS: these, and only these, are safe to repeat in a message. */
  private static final Set<String> REGISTERED_NAMES = registeredNames();

  /** What the header names: its allowed-or-not algorithm and its kid, either null when absent or unusable. */
  record Header(JwsAlgorithm algorithm, String keyId) {}

  private HeaderRules() {}

  /** Checks {@code header}, adding a violation to {@code out} for each broken rule. */
  static Header check(Map<String, Object> header, Set<JwsAlgorithm> allowed, List<Violation> out) {
    JwsAlgorithm algorithm = null;
    String keyId = null;
    Object alg = header.get("alg");
    if (alg == null) {
      out.add(Violation.of("header.alg", Rule.HEADER_INVALID,
          "header has no alg" + (header.containsKey("alg") ? " (it is null)." : "."),
          "sign with " + names(allowed) + ", which writes alg into the header."));
    } else if (!(alg instanceof String name)) {
      out.add(Violation.of("header.alg", Rule.HEADER_INVALID, "header.alg is not a JSON string.",
          "set alg to the name of the algorithm, such as \"" + allowed.iterator().next() + "\"."));
    } else {
      algorithm = JwsAlgorithm.fromJoseName(name).orElse(null);
      if (algorithm == null || !allowed.contains(algorithm)) {
        out.add(Violation.of("header.alg", Rule.ALGORITHM_NOT_ALLOWED,
            "header.alg " + (REGISTERED_NAMES.contains(name) ? "is " + name : "names no registered JWS algorithm")
                + "; only " + names(allowed) + " " + (allowed.size() == 1 ? "is" : "are")
                + " allowed, so the token is refused without checking its signature.",
            "sign with " + names(allowed) + "; the platform accepts no other algorithm."));
      }
    }
    if (header.containsKey("crit")) {
      out.add(Violation.of("header.crit", Rule.CRITICAL_HEADER_UNSUPPORTED,
          "header has crit: the token demands JWS extensions this verifier does not understand, so it must be"
              + " refused (RFC 7515 section 4.1.11).",
          "sign without a crit header; the platform understands no JWS extensions."));
    }
    if (header.containsKey("kid")) {
      Object kid = header.get("kid");
      if (kid instanceof String s && !s.isEmpty()) {
        keyId = s;
      } else {
        out.add(Violation.of("header.kid", Rule.HEADER_INVALID,
            "header.kid is " + (kid instanceof String ? "an empty string." : "not a JSON string."),
            "set kid to the id the public key is registered under, or leave it out."));
      }
    }
    return new Header(algorithm, keyId);
  }

  /** {@code RS256}, or {@code RS256, RS512 or ES512}. */
  static String names(Set<JwsAlgorithm> allowed) {
    List<String> names = allowed.stream().map(Enum::name).collect(Collectors.toList());
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  private static Set<String> registeredNames() {
    Set<String> names = new HashSet<>();
    for (JWSAlgorithm.Family family : List.of(JWSAlgorithm.Family.HMAC_SHA, JWSAlgorithm.Family.SIGNATURE)) {
      family.forEach(a -> names.add(a.getName()));
    }
    names.add(Algorithm.NONE.getName());
    for (JwsAlgorithm a : JwsAlgorithm.values()) {
      names.add(a.name());
    }
    return Set.copyOf(names);
  }
}
