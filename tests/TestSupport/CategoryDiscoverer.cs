using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sweep.TestSupport;

/// <summary>Turns <see cref="CategoryAttribute"/> into the trait <c>Category=&lt;name&gt;</c>.</summary>
public sealed class CategoryDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var category = traitAttribute is IReflectionAttributeInfo { Attribute: CategoryAttribute attribute }
            ? attribute.Category
            : (Category)Convert.ToInt32(traitAttribute.GetConstructorArguments().Single());
        yield return new(CategoryAttribute.TraitName, category.ToString());
    }
}
