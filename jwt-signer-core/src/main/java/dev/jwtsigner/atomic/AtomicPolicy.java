package dev.jwtsigner.atomic;

import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An Atomic API key's settings, as configured in the vendor's console: the longest token lifetime, the
 * allowed issuers, where the SDK looks for the user ID, how claims map to profile fields, and the SDK's
 * expiry interval. The same policy object feeds {@code AtomicTokenBuilder} and the test kit's verifier,
 * so the two can never disagree.
 *
 * <pre>{@code
 * AtomicPolicy policy = AtomicPolicy.builder()
 *     .maxTokenExpiry(Duration.ofDays(7))
 *     .allowedIssuers("my-backend")
 *     .mapClaim(AtomicPolicy.EMAIL, "user_email")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AtomicPolicy {

  /** The platform's default "max token expiry days": 7 days. */
  public static final Duration DEFAULT_MAX_TOKEN_EXPIRY = Duration.ofDays(7);
  /** The SDK's default expiry interval: it asks for a new token this long before {@code exp}. */
  public static final Duration DEFAULT_SDK_EXPIRY_INTERVAL = Duration.ofSeconds(60);
  /** Where the SDKs look for the user ID, in order. */
  public static final List<String> DEFAULT_USER_ID_CLAIMS = List.of("atomic_sub", "atomic_id", "sub", "id");

  /** Profile field: the customer's external ID. */
  public static final String EXTERNAL_ID = "external_id";
  /** Profile field: display name. */
  public static final String NAME = "name";
  /** Profile field: e-mail address. */
  public static final String EMAIL = "email";
  /** Profile field: phone number. */
  public static final String PHONE = "phone";
  /** Profile field: city. */
  public static final String CITY = "city";
  /** Profile field: country. */
  public static final String COUNTRY = "country";
  /** Profile field: region. */
  public static final String REGION = "region";
  /** Every profile field, each written by default under its own name. */
  public static final List<String> PROFILE_FIELDS = List.of(EXTERNAL_ID, NAME, EMAIL, PHONE, CITY, COUNTRY, REGION);

  /** The claim {@code AtomicTokenBuilder.atomicSubject(...)} writes, for hosts whose {@code sub} carries another ID. */
  static final String ATOMIC_SUB = "atomic_sub";

  /** Registered claims that only the builder's own methods may set. */
  static final List<String> REGISTERED_CLAIMS = List.of("iss", "sub", "exp", "iat", "nbf");

  private static final AtomicPolicy DEFAULTS = builder().build();

  private final Duration maxTokenExpiry;
  private final Set<String> allowedIssuers;
  private final List<String> userIdClaims;
  private final Map<String, String> claimMapping;
  private final Duration sdkExpiryInterval;
  private final Set<String> reservedClaims;

  private AtomicPolicy(Builder b) {
    this.maxTokenExpiry = b.maxTokenExpiry;
    this.allowedIssuers = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedIssuers));
    this.userIdClaims = List.copyOf(b.userIdClaims);
    this.claimMapping = Collections.unmodifiableMap(new LinkedHashMap<>(b.claimMapping));
    this.sdkExpiryInterval = b.sdkExpiryInterval;
    Set<String> reserved = new LinkedHashSet<>(REGISTERED_CLAIMS);
    reserved.add(ATOMIC_SUB);
    reserved.addAll(userIdClaims);
    this.reservedClaims = Collections.unmodifiableSet(reserved);
  }

  /** The platform's defaults: 7 days maximum, any issuer, the SDKs' user-ID order, default claim names, 60 s. */
  public static AtomicPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxTokenExpiry = maxTokenExpiry;
    b.allowedIssuers = new LinkedHashSet<>(allowedIssuers);
    b.userIdClaims = userIdClaims;
    b.claimMapping = new LinkedHashMap<>(claimMapping);
    b.sdkExpiryInterval = sdkExpiryInterval;
    return b;
  }

  /** The longest allowed {@code exp − iat}, and how far ahead of now {@code exp} may lie. */
  public Duration maxTokenExpiry() {
    return maxTokenExpiry;
  }

  /** The allowed {@code iss} values; empty means the issuer is not checked. */
  public Set<String> allowedIssuers() {
    return allowedIssuers;
  }

  /** The claims the SDK reads the user ID from, first match wins. */
  public List<String> userIdClaims() {
    return userIdClaims;
  }

  /** The renamed fields: profile or custom field name → claim name. Fields not listed keep their own name. */
  public Map<String, String> claimMapping() {
    return claimMapping;
  }

  /** The claim a profile or custom field is written under. */
  public String claimName(String field) {
    return claimMapping.getOrDefault(field, field);
  }

  /** How long before {@code exp} the SDK asks for a new token; a token must live longer than this. */
  public Duration sdkExpiryInterval() {
    return sdkExpiryInterval;
  }

  /**
   * Claims {@code claim(name, value)} may not set: {@code iss sub atomic_sub exp iat nbf} and every user-ID
   * claim, so no extra claim can change whose token it is or how long it lives.
   */
  public Set<String> reservedClaims() {
    return reservedClaims;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AtomicPolicy p
        && maxTokenExpiry.equals(p.maxTokenExpiry) && allowedIssuers.equals(p.allowedIssuers)
        && userIdClaims.equals(p.userIdClaims) && claimMapping.equals(p.claimMapping)
        && sdkExpiryInterval.equals(p.sdkExpiryInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxTokenExpiry, allowedIssuers, userIdClaims, claimMapping, sdkExpiryInterval);
  }

  @Override
  public String toString() {
    return "AtomicPolicy[maxTokenExpiry=" + maxTokenExpiry + ", allowedIssuers=" + allowedIssuers
        + ", userIdClaims=" + userIdClaims + ", claimMapping=" + claimMapping
        + ", sdkExpiryInterval=" + sdkExpiryInterval + "]";
  }

  /**
   * Builds an {@link AtomicPolicy}; not thread-safe.
   *
   * <pre>{@code
   * AtomicPolicy policy = AtomicPolicy.builder()
   *     .maxTokenExpiry(Duration.ofDays(1))
   *     .userIdClaims("atomic_sub", "sub")
   *     .sdkExpiryInterval(Duration.ofSeconds(120))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private Duration maxTokenExpiry = DEFAULT_MAX_TOKEN_EXPIRY;
    private Set<String> allowedIssuers = new LinkedHashSet<>();
    private List<String> userIdClaims = DEFAULT_USER_ID_CLAIMS;
    private Map<String, String> claimMapping = new LinkedHashMap<>();
    private Duration sdkExpiryInterval = DEFAULT_SDK_EXPIRY_INTERVAL;

    private Builder() {}

    /** The API key's "max token expiry": positive, whole seconds. Default 7 days. */
    public Builder maxTokenExpiry(Duration max) {
      this.maxTokenExpiry = requirePositiveSeconds(max, "maxTokenExpiry");
      return this;
    }

    /** The API key's allowed issuers; none (the default) means {@code iss} is not checked. Replaces earlier calls. */
    public Builder allowedIssuers(String... issuers) {
      requireArgument(issuers, "allowedIssuers");
      Set<String> set = new LinkedHashSet<>();
      for (String i : issuers) {
        set.add(requireName(i, "allowedIssuers"));
      }
      this.allowedIssuers = set;
      return this;
    }

    /** Where the SDK looks for the user ID, in order (default {@code atomic_sub, atomic_id, sub, id}). */
    public Builder userIdClaims(String... claims) {
      requireArgument(claims, "userIdClaims");
      if (claims.length == 0) {
        throw invalid("userIdClaims is empty. Fix: name at least one claim, such as \"sub\".");
      }
      Set<String> set = new LinkedHashSet<>();
      for (String c : claims) {
        if (!set.add(requireName(c, "userIdClaims"))) {
          throw invalid("userIdClaims names a claim twice. Fix: list each claim once.");
        }
        if (List.of("iss", "exp", "iat", "nbf").contains(c)) {
          throw invalid("userIdClaims may not use the registered claim " + c + ". Fix: use sub or a custom claim.");
        }
      }
      this.userIdClaims = List.copyOf(set);
      return this;
    }

    /**
     * Writes the profile or custom field {@code field} under the claim {@code claimName}, as the API key's
     * claim-mapping settings expect.
     */
    public Builder mapClaim(String field, String claimName) {
      requireName(field, "mapClaim field");
      requireName(claimName, "mapClaim claimName");
      if (REGISTERED_CLAIMS.contains(claimName)) {
        throw invalid("mapClaim would write " + field + " under the registered claim " + claimName
            + ". Fix: map it to a claim the platform does not reserve.");
      }
      claimMapping.put(field, claimName);
      return this;
    }

    /** The SDK's expiry interval (default 60 s): zero or more, whole seconds. */
    public Builder sdkExpiryInterval(Duration interval) {
      requireArgument(interval, "sdkExpiryInterval");
      if (interval.isNegative() || interval.getNano() != 0) {
        throw invalid("sdkExpiryInterval must be zero or more whole seconds. Fix: pass e.g. Duration.ofSeconds(60).");
      }
      this.sdkExpiryInterval = interval;
      return this;
    }

    /**
     * The policy.
     *
     * @throws JwtSignerException with {@code INVALID_ARGUMENT} when the SDK interval is not shorter than the maximum,
     *     or a mapped claim collides with a user-ID claim
     */
    public AtomicPolicy build() {
      if (sdkExpiryInterval.compareTo(maxTokenExpiry) >= 0) {
        throw invalid("sdkExpiryInterval (" + sdkExpiryInterval.toSeconds() + " s) is not shorter than maxTokenExpiry ("
            + maxTokenExpiry.toSeconds() + " s), so no token could be used. Fix: shorten the interval or raise the maximum.");
      }
      for (Map.Entry<String, String> e : claimMapping.entrySet()) {
        if (userIdClaims.contains(e.getValue()) || ATOMIC_SUB.equals(e.getValue())) {
          throw invalid("mapClaim writes " + e.getKey() + " under the user-ID claim " + e.getValue()
              + ", which would change whose token it is. Fix: map it to another claim name.");
        }
      }
      return new AtomicPolicy(this);
    }

    private static Duration requirePositiveSeconds(Duration d, String what) {
      requireArgument(d, what);
      if (d.isNegative() || d.isZero() || d.getNano() != 0) {
        throw invalid(what + " must be a positive number of whole seconds. Fix: pass e.g. Duration.ofDays(7).");
      }
      return d;
    }

    private static void requireArgument(Object value, String what) {
      if (value == null) {
        throw invalid(what + " is null. Fix: pass a value, or leave the setting out to keep its default.");
      }
    }

    private static String requireName(String s, String what) {
      if (s == null || s.isBlank()) {
        throw invalid(what + " contains a " + (s == null ? "null" : "blank") + " name. Fix: pass non-blank names.");
      }
      return s;
    }

    private static JwtSignerException invalid(String message) {
      return new JwtSignerException(Reason.INVALID_ARGUMENT, message);
    }
  }

}
