package io.devhealth.identity.people.service;

import java.util.List;

import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;

/** A person with its identities, as the services hand it to the REST layer. */
public record PersonView(Person person, List<PersonIdentity> identities) {
}
