package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateUserBodyTest {

  @Test
  void acceptsTheVendorsExampleBody() throws Exception {
    assertThat(CreateUserBody.firstProblem(JSONObjectUtils.parse(AptoFixtures.createUserBody()))).isNull();
  }

  @Test
  void acceptsABodyWithOneDataPointAndMembersTheExampleDoesNotShow() throws Exception {
    assertThat(CreateUserBody.firstProblem(JSONObjectUtils.parse(
        "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"a@example.com\",\"extra\":1}]},\"x\":2}")))
        .isNull();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{}                                                           | data_points: required",
      "{\"data_points\":[]}                                         | data_points: must be an object {\"type\": \"list\", \"data\": [...]}",
      "{\"data_points\":{\"data\":[]}}                              | data_points.type: required",
      "{\"data_points\":{\"type\":\"map\",\"data\":[]}}             | data_points.type: must be \"list\"",
      "{\"data_points\":{\"type\":\"list\"}}                        | data_points.data: required",
      "{\"data_points\":{\"type\":\"list\",\"data\":{}}}            | data_points.data: must be an array of data points",
      "{\"data_points\":{\"type\":\"list\",\"data\":[]}}            | data_points.data: must hold at least one data point",
      "{\"data_points\":{\"type\":\"list\",\"data\":[7]}}           | data_points.data[0]: must be an object",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{}]}}          | data_points.data[0].type: required",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":1}]}} | data_points.data[0].type: must be one of phone, email, name, address, birthdate, id_document",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\" \"}]}} | data_points.data[0].email: must not be blank",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":5}]}} | data_points.data[0].email: must be a string",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"name\",\"first_name\":\"A\"}]}} | data_points.data[0].last_name: required",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"phone\",\"country_code\":\"1\",\"phone_number\":\"2\",\"verification\":\"v\"}]}} | data_points.data[0].verification: must be an object {\"verification_id\": ...}",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"phone\",\"country_code\":\"1\",\"phone_number\":\"2\",\"verification\":{}}]}} | data_points.data[0].verification.verification_id: required",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"birthdate\",\"date\":\"1965-13-01\"}]}} | data_points.data[0].date: must be a date YYYY-MM-DD",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"address\",\"street_one\":\"a\",\"street_two\":null,\"locality\":\"b\",\"region\":\"c\",\"postal_code\":\"d\",\"country\":\"US\"}]}} | data_points.data[0].street_two: must be a string",
      "{\"data_points\":{\"type\":\"list\",\"data\":[{\"type\":\"email\",\"email\":\"a@b.c\"},{\"type\":\"id_document\",\"value\":\"1\",\"country\":\"US\"}]}} | data_points.data[1].doc_type: required"})
  void namesThePathOfTheFirstProblem(String body, String problem) throws Exception {
    Map<String, Object> payload = JSONObjectUtils.parse(body);

    assertThat(CreateUserBody.firstProblem(payload)).isEqualTo(problem);
  }
}
