using System.Reflection;

namespace Sweep.TestSupport;

/// <summary>Finds the test classes of an assembly and checks the category each names.</summary>
public static class TestClasses
{
    /// <summary>Concrete classes with at least one fact or theory, declared or inherited.</summary>
    public static IEnumerable<Type> In(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(IsTest));

    /// <summary>
    /// The test classes that do not name exactly one category, each with what is wrong. A plain
    /// <c>[Trait("Category", ...)]</c> on a class or a method would add a second one, so it is refused too.
    /// </summary>
    public static IReadOnlyList<string> WithoutExactlyOneCategory(Assembly assembly) =>
        In(assembly).Select(ProblemWith).OfType<string>().Order(StringComparer.Ordinal).ToList();

    private static bool IsTest(MethodInfo method) => method.GetCustomAttributes<FactAttribute>(inherit: true).Any();

    /// <summary>What is wrong with the category of one class, or null when it names exactly one.</summary>
    public static string? ProblemWith(Type type)
    {
        if (new MemberInfo[] { type }.Concat(type.GetMethods()).Any(HasPlainCategoryTrait))
            return $"{type.FullName}: a plain [Trait(\"Category\", ...)]; put one [Category(...)] on the class instead";
        return type.GetCustomAttributes<CategoryAttribute>(inherit: false).Count() == 1
            ? null
            : $"{type.FullName}: no [Category(...)]; choose {string.Join(", ", Enum.GetNames<Category>())}";
    }

    private static bool HasPlainCategoryTrait(MemberInfo member) =>
        member.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments.Count == 2
            && a.ConstructorArguments[0].Value is string name
            && string.Equals(name, CategoryAttribute.TraitName, StringComparison.OrdinalIgnoreCase));
}
