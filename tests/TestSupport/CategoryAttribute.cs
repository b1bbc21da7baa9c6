using Xunit.Sdk;

namespace Sweep.TestSupport;

/// <summary>Puts every test of a class in one <see cref="Category"/>; xunit reports it as the trait <c>Category</c>.</summary>
[TraitDiscoverer("Sweep.TestSupport.CategoryDiscoverer", "Sweep.TestSupport")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CategoryAttribute(Category category) : Attribute, ITraitAttribute
{
    /// <summary>The trait name the test runners filter on.</summary>
    public const string TraitName = "Category";

    public Category Category { get; } = category;
}
