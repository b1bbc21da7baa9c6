namespace Sweep.TestSupport;

/// <summary>
/// Compiled into every test project (tests/Directory.Build.props links it): fails when a test class of this
/// assembly names no category, so <c>--filter Category=...</c> never silently misses a test.
/// </summary>
[Category(Category.Unit)]
public sealed class EveryTestClassHasACategory
{
    [Fact]
    public void Every_test_class_names_exactly_one_category() =>
        Assert.Empty(TestClasses.WithoutExactlyOneCategory(typeof(EveryTestClassHasACategory).Assembly));

    [Fact]
    public void The_check_names_a_class_without_a_category_and_one_with_a_plain_category_trait()
    {
        Assert.Null(TestClasses.ProblemWith(typeof(Categorized)));
        Assert.Contains("no [Category(...)]", TestClasses.ProblemWith(typeof(Uncategorized)));
        Assert.Contains("a plain [Trait(\"Category\", ...)]", TestClasses.ProblemWith(typeof(PlainCategoryTrait)));
    }

    // Abstract, so that neither xunit nor the assembly check takes them for real test classes.
    [Category(Category.Unit)]
    public abstract class Categorized
    {
        [Fact] public void Test() { }
    }

    public abstract class Uncategorized
    {
        [Fact] public void Test() { }
    }

    [Category(Category.Unit)]
    public abstract class PlainCategoryTrait
    {
        [Fact, Trait("Category", "Cluster")] public void Test() { }
    }
}
