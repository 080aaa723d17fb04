/**
 * TypeDoc plugin (loaded by typedoc.config.mjs): the documentation rule for properties.
 *
 * TypeDoc's built-in `notDocumented` check treats every property alike, including the members of anonymous object
 * types nested inside a documented declaration: the fields of one member of a union (`{ type: 'bearer' }`), of an
 * inline property type (`error?: { code; message }`), or of the inferred type of an exported schema constant (which
 * cannot carry comments at all). typedoc.config.mjs therefore leaves `Property` out of `requiredToBeDocumented`, and this
 * plugin applies the rule we want instead: every property of an interface, of a class, or of a type alias's own object
 * type (`type X = { … }`) needs its own comment; members of anonymous nested object types are covered by the comment
 * of the declaration they belong to. Inherited members and members of other packages are skipped, as TypeDoc does.
 * Findings are validation warnings, so `treatValidationWarningsAsErrors` makes `npm run check:docs` fail on them.
 */
import { Application, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    if (!app.options.getValue('validation').notDocumented) return;
    const packages = app.options.isSet('packagesRequiringDocumentation')
      ? app.options.getValue('packagesRequiringDocumentation')
      : [project.packageName];
    const intentional = new Set(app.options.getValue('intentionallyNotDocumented'));

    for (const property of project.getReflectionsByKind(ReflectionKind.Property)) {
      if (property.hasComment() || property.inheritedFrom) continue;
      const owner = property.parent;
      if (!owner) continue;
      const named =
        owner.kindOf(ReflectionKind.Interface | ReflectionKind.Class | ReflectionKind.TypeAlias) ||
        (owner.kindOf(ReflectionKind.TypeLiteral) &&
          owner.parent?.kindOf(ReflectionKind.TypeAlias) &&
          owner.parent.type?.type === 'reflection' &&
          owner.parent.type.declaration === owner);
      if (!named) continue;
      const symbol = project.getSymbolIdFromReflection(property);
      if (!symbol || !packages.includes(symbol.packageName)) continue;
      const name = property.getFriendlyFullName();
      if (intentional.has(name)) continue;
      app.logger.validationWarning(
        `${name} (Property), defined in ${symbol.packageName}/${symbol.packagePath}, does not have any documentation`,
      );
    }
  });
}
