package dev.jwtsigner.testkit;

import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.apto.AptoPolicy;
import dev.jwtsigner.atomic.AtomicPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates the parity test's inputs from one seed: ordinary ones and hostile ones (odd numbers, odd text,
 * odd names, sizes and depths at and around every limit, time claims of every form), each tagged with its
 * category. The same seed always gives the same inputs.
 */
final class ParityCases {

  static final TestClock CLOCK = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  static final long NOW = CLOCK.instant().getEpochSecond();
  private static final int CLAIMS_LIMIT = 65_536;

  /** One Atomic input; {@code builderOnly}: the rule only the builder's API can break, else null. */
  record AtomicCase(String category, AtomicPolicy policy, boolean subSet, String sub, boolean atomicSubSet,
      String atomicSub, long lifetime, String issuer, List<Map.Entry<String, Object>> claims, Rule builderOnly) {

    /** The claims a signer would send for this input, written by an independent writer. */
    String rawClaims() {
      List<Map.Entry<String, Object>> m = new ArrayList<>();
      if (subSet) {
        m.add(entry("sub", sub));
      }
      if (atomicSubSet) {
        m.add(entry("atomic_sub", atomicSub));
      }
      m.add(entry("iat", NOW));
      long exp = NOW + lifetime;
      m.add(entry("exp", ((NOW ^ exp) & (lifetime ^ exp)) < 0 ? Long.MAX_VALUE : exp));
      if (issuer != null) {
        m.add(entry("iss", issuer));
      }
      m.addAll(claims);
      return ParityJson.object(m);
    }
  }

  /** One signed-payload input: the JSON text, under a policy with small limits so they are reachable. */
  record PayloadCase(String category, AptoPolicy policy, String json) {}

  private final Random random;

  ParityCases(long seed) {
    this.random = new Random(seed);
  }

  // ---------------------------------------------------------------- Atomic

  AtomicCase atomic() {
    AtomicPolicy policy = pick(
        AtomicPolicy.defaults(),
        AtomicPolicy.builder().allowedIssuers("my-backend", "other").build(),
        AtomicPolicy.builder().maxTokenExpiry(Duration.ofHours(1)).sdkExpiryInterval(Duration.ofSeconds(120)).build(),
        AtomicPolicy.builder().userIdClaims("atomic_sub", "sub").build());
    String category = pick("plain", "user-id", "lifetime", "issuer", "claim-names", "numbers", "text", "depth",
        "size", "builder-only");
    boolean subSet = true;
    String sub = "user-" + random.nextInt(1000);
    boolean atomicSubSet = false;
    String atomicSub = null;
    long lifetime = pick(3_600L, 86_400L, 600L);
    String issuer = policy.allowedIssuers().isEmpty() ? (random.nextBoolean() ? null : "my-backend") : "my-backend";
    List<Map.Entry<String, Object>> claims = new ArrayList<>();
    Rule builderOnly = null;
    long max = policy.maxTokenExpiry().getSeconds();
    long sdk = policy.sdkExpiryInterval().getSeconds();
    switch (category) {
      case "user-id" -> {
        subSet = random.nextInt(4) > 0;
        sub = hostileText(true);
        atomicSubSet = random.nextBoolean();
        atomicSub = hostileText(true);
      }
      case "lifetime" -> lifetime = pick(-1L, 0L, 1L, sdk - 1, sdk, sdk + 1, max - 1, max, max + 1, 2 * max,
          Long.MAX_VALUE / 2, Long.MAX_VALUE, Long.MIN_VALUE / 2, (1L << 53) - NOW, (1L << 53) - NOW + 1);
      case "issuer" -> issuer = pick(null, "my-backend", "other", "My-Backend", "my-backend ", "\u00e9metteur");
      case "claim-names" -> claims.add(entry(pick("", " ", "\t", "a\u0007b", "x".repeat(256), "x".repeat(257),
          "\ud800", "caf\u00e9", "\ud83d\ude00", "data points", "ok_" + random.nextInt(9)), "v"));
      case "numbers" -> claims.add(entry("n", hostileNumber()));
      case "text" -> claims.add(entry("t", hostileText(false)));
      case "depth" -> claims.add(entry("deep", nested(pick(1, 50, 97, 98, 99, 100, 101, 150), random.nextBoolean())));
      case "size" -> {
        String base = rawOf(subSet, sub, lifetime, issuer);
        int room = CLAIMS_LIMIT - base.length() - ",\"big\":\"\"".length();
        int delta = pick(-3, -1, 0, 1, 2, 100, -100);
        boolean wide = random.nextBoolean(); // two UTF-8 bytes per character
        int chars = wide ? (room + delta) / 2 : room + delta;
        claims.add(entry("big", (wide ? "\u00e9" : "a").repeat(Math.max(chars, 0)) + (wide && (room + delta) % 2 != 0 ? "a" : "")));
      }
      case "builder-only" -> {
        int kind = random.nextInt(4);
        if (kind == 0) {
          claims.add(entry(pick(policy.reservedClaims().toArray(String[]::new)), "x"));
          builderOnly = Rule.RESERVED_CLAIM;
        } else if (kind == 1) {
          claims.add(entry("twice", 1L));
          claims.add(entry("twice", 2L));
          builderOnly = Rule.CLAIM_NAME_INVALID;
        } else if (kind == 2) {
          claims.add(entry("nan", pick(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)));
          builderOnly = Rule.VALUE_NOT_JSON;
        } else {
          claims.add(entry("opt", java.util.Optional.of("x")));
          builderOnly = Rule.VALUE_NOT_JSON;
        }
      }
      default -> {
        claims.add(entry("email", "a@example.com"));
        claims.add(entry("roles", List.of("admin", "user")));
      }
    }
    return new AtomicCase(category, policy, subSet, sub, atomicSubSet, atomicSub, lifetime, issuer, claims, builderOnly);
  }

  private static String rawOf(boolean subSet, String sub, long lifetime, String issuer) {
    return new AtomicCase("", AtomicPolicy.defaults(), subSet, sub, false, null, lifetime, issuer, List.of(), null)
        .rawClaims();
  }

  // ---------------------------------------------------------------- signed payloads

  PayloadCase payload() {
    int maxBytes = pick(64, 200, 1_000);
    int maxDepth = pick(3, 5, 100);
    AptoPolicy policy = AptoPolicy.builder().maxPayloadBytes(maxBytes).maxDepth(maxDepth).build();
    String category = pick("plain", "time-claims", "json-text", "numbers", "text", "depth", "size");
    String json;
    switch (category) {
      case "time-claims" -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String claim : List.of("iat", "nbf", "exp")) {
          if (random.nextInt(3) == 0) {
            continue;
          }
          m.put(claim, pick((Object) NOW, NOW - 1, NOW + 1, NOW + 3_600, NOW - 3_600, 0L, -1L, 253_402_300_799L,
              253_402_300_800L, NOW + ".0", NOW + ".5", "\"" + NOW + "\"", "null", "true", "1e400", "1E3",
              String.valueOf(Long.MAX_VALUE)));
        }
        json = rawObject(m);
      }
      case "json-text" -> json = pick("\ufeff{}", "\ufeff{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}",
          "[]", "\"x\"", "{} {}", "{\"a\":1,}", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}", " {\"a\":1} ", "{\"a\":1}\n",
          "", "{", "{\"a\":\"\\ud800\"}", "{\"\\udc00\":1}", "{\"a\":\"\ud800\"}", "{\"a\":\"\\u0000\"}");
      case "numbers" -> {
        StringBuilder b = new StringBuilder("{\"n\":");
        ParityJson.value(b, hostileNumber());
        json = b.append('}').toString();
      }
      case "text" -> {
        StringBuilder b = new StringBuilder("{\"t\":");
        ParityJson.string(b, hostileText(false));
        json = b.append('}').toString();
      }
      case "depth" -> {
        StringBuilder b = new StringBuilder("{\"d\":");
        ParityJson.value(b, nested(pick(maxDepth - 2, maxDepth - 1, maxDepth, maxDepth + 1), random.nextBoolean()));
        json = b.append('}').toString();
      }
      case "size" -> {
        int delta = pick(-2, -1, 0, 1, 2);
        int room = maxBytes - "{\"s\":\"\"}".length() + delta;
        json = "{\"s\":\"" + "a".repeat(Math.max(room, 0)) + "\"}";
      }
      default -> json = "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"a@example.com\"}]}}";
    }
    return new PayloadCase(category, policy, json);
  }

  /** An object whose values are given as JSON text already (strings are JSON numbers, {@code null}...). */
  private static String rawObject(Map<String, Object> members) {
    StringBuilder b = new StringBuilder("{");
    members.forEach((k, v) -> {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(k).append("\":").append(v);
    });
    return b.append('}').toString();
  }

  // ---------------------------------------------------------------- hostile values

  private Object hostileNumber() {
    return pick(0L, -1L, 42L, (1L << 53) - 1, 1L << 53, -(1L << 53) + 1, -(1L << 53), Long.MAX_VALUE, Long.MIN_VALUE,
        BigInteger.TWO.pow(70), BigInteger.valueOf(7), new BigDecimal("1E+400"), new BigDecimal("-1E+400"),
        new BigDecimal("1E-400"), new BigDecimal("0.1"), new BigDecimal("123456789012345678901234567890"),
        new BigDecimal("1E+3"), Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.1, 1e300, 1e20, Math.PI);
  }

  private String hostileText(boolean userId) {
    return pick(userId ? null : "", "", " ", "\t\n", "u1", "x".repeat(1 + random.nextInt(40)), "\ud800", "a\udc00b",
        "\ud83d\ude00", "caf\u00e9", "\u0000", "line\u2028sep", "\"quoted\"", "back\\slash", "\u0007bell",
        "\ufeffbom", "\u202eRTL");
  }

  private Object nested(int depth, boolean lists) {
    Object v = "leaf";
    for (int i = 0; i < depth; i++) {
      v = lists ? List.of(v) : Map.of("k", v);
    }
    return v;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  static Map.Entry<String, Object> entry(String name, Object value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(name, value);
  }
}
