package dev.jwtsigner.testkit;

/**
 * Ready-made Apto request bodies, shaped as the vendor's guide sends them, so that a test starts from a body
 * the platform accepts and changes only what it is about.
 *
 * <pre>{@code
 * String token = SignedPayloadBuilder.create(FakeKeys.rsa2048().keySource("key_1"))
 *     .payload(AptoFixtures.createUserBody())
 *     .sign();
 * try (FakeAptoMobileApi api = FakeAptoMobileApi.start(
 *     SignedPayloadVerifier.create().trust("key_1", FakeKeys.rsa2048().publicKey()))) {
 *   // POST token to api.baseUri().resolve(FakeAptoMobileApi.CREATE_USER_PATH): 200 and a user object
 * }
 * }</pre>
 */
public final class AptoFixtures {

  /**
   * The create-user body of the vendor's guide: {@code data_points} is a {@code "list"} whose {@code data}
   * holds one typed object per data point (a verified phone, an SSN, an e-mail address, a birth date, a name
   * and an address). Fake personal data.
   */
  private static final String CREATE_USER_BODY = "{\"data_points\":{\"type\":\"list\",\"data\":["
      + "{\"type\":\"phone\",\"country_code\":\"1\",\"phone_number\":\"2025550118\","
      + "\"verification\":{\"verification_id\":\"entity_5cd6d4b6a2a3e1f7\"}},"
      + "{\"type\":\"id_document\",\"value\":\"123456789\",\"country\":\"US\",\"doc_type\":\"SSN\"},"
      + "{\"type\":\"email\",\"email\":\"jane.doe@example.com\"},"
      + "{\"type\":\"birthdate\",\"date\":\"1965-10-20\"},"
      + "{\"type\":\"name\",\"first_name\":\"Jane\",\"last_name\":\"Doe\"},"
      + "{\"type\":\"address\",\"street_one\":\"1 Market Street\",\"street_two\":\"\",\"locality\":\"San Francisco\","
      + "\"region\":\"CA\",\"postal_code\":\"94105\",\"country\":\"US\"}]}}";

  private AptoFixtures() {}

  /** The vendor guide's create-user body as JSON text (one line), ready for {@code payload(...)}. */
  public static String createUserBody() {
    return CREATE_USER_BODY;
  }
}
