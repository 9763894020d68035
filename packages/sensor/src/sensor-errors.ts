/** A sensor could not be registered (a duplicate name and instance, a bad interval). */
export class SensorRegistrationError extends Error {
  override readonly name = "SensorRegistrationError";
}
