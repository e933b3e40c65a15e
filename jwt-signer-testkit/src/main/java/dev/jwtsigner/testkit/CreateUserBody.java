package dev.jwtsigner.testkit;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The structure the platform expects of a create-user body, checked after the signature: the first problem
 * found, as {@code path: what is wrong}, such as {@code data_points.data[1].doc_type: required}. Paths and
 * rules only, never a value.
 *
 * <p>From the vendor's guide (documented): {@code data_points} is an object with {@code "type": "list"} and a
 * {@code data} array of objects, each with a {@code type} of {@code phone}, {@code email}, {@code name},
 * {@code address}, {@code birthdate} or {@code id_document}, carrying the fields the guide's example shows for
 * that type. Our assumptions (the guide shows an example, not a schema): every field of the example is
 * required except the address's {@code street_two}; each is a non-blank string (the phone's
 * {@code verification} an object with a {@code verification_id}); {@code birthdate.date} is
 * {@code YYYY-MM-DD}; {@code data} is not empty; members the example does not show are allowed.
 */
final class CreateUserBody {

  /** Each data-point type and its required fields; {@code verification} is an object, the rest strings. */
  static final Map<String, List<String>> REQUIRED = Map.of(
      "phone", List.of("country_code", "phone_number", "verification"),
      "email", List.of("email"),
      "name", List.of("first_name", "last_name"),
      "address", List.of("street_one", "locality", "region", "postal_code", "country"),
      "birthdate", List.of("date"),
      "id_document", List.of("value", "country", "doc_type"));
  /** Optional fields that, when present, must be strings (blank allowed). */
  static final Map<String, List<String>> OPTIONAL = Map.of("address", List.of("street_two"));

  private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
  private static final String TYPES = "phone, email, name, address, birthdate, id_document";

  private CreateUserBody() {}

  /** The first problem with {@code payload}'s structure, or null when it is a well-formed create-user body. */
  static String firstProblem(Map<String, Object> payload) {
    Object dataPoints = payload.get("data_points");
    if (dataPoints == null) {
      return "data_points: required";
    }
    if (!(dataPoints instanceof Map<?, ?> list)) {
      return "data_points: must be an object {\"type\": \"list\", \"data\": [...]}";
    }
    if (!"list".equals(list.get("type"))) {
      return list.containsKey("type") ? "data_points.type: must be \"list\"" : "data_points.type: required";
    }
    Object data = list.get("data");
    if (data == null) {
      return "data_points.data: required";
    }
    if (!(data instanceof List<?> points)) {
      return "data_points.data: must be an array of data points";
    }
    if (points.isEmpty()) {
      return "data_points.data: must hold at least one data point";
    }
    for (int i = 0; i < points.size(); i++) {
      String problem = dataPoint("data_points.data[" + i + "]", points.get(i));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String dataPoint(String path, Object point) {
    if (!(point instanceof Map<?, ?> fields)) {
      return path + ": must be an object";
    }
    Object type = fields.get("type");
    if (type == null) {
      return path + ".type: required";
    }
    List<String> required = type instanceof String name ? REQUIRED.get(name) : null;
    if (required == null) {
      return path + ".type: must be one of " + TYPES;
    }
    for (String field : required) {
      Object value = fields.get(field);
      if (value == null) {
        return path + "." + field + ": required";
      }
      String problem = field.equals("verification") ? verification(path + "." + field, value) : text(path + "." + field, value);
      if (problem != null) {
        return problem;
      }
    }
    for (String field : OPTIONAL.getOrDefault((String) type, List.of())) {
      if (fields.containsKey(field) && !(fields.get(field) instanceof String)) {
        return path + "." + field + ": must be a string";
      }
    }
    if (type.equals("birthdate") && !DATE.matcher((String) fields.get("date")).matches()) {
      return path + ".date: must be a date YYYY-MM-DD";
    }
    return null;
  }

  private static String verification(String path, Object value) {
    if (!(value instanceof Map<?, ?> verification)) {
      return path + ": must be an object {\"verification_id\": ...}";
    }
    Object id = verification.get("verification_id");
    return id == null ? path + ".verification_id: required" : text(path + ".verification_id", id);
  }

  private static String text(String path, Object value) {
    if (!(value instanceof String text)) {
      return path + ": must be a string";
    }
    return text.isBlank() ? path + ": must not be blank" : null;
  }
}
