// The silo host (roles control | worker | all) is built in the orchestration issue.
Console.Error.WriteLine("sweep-silo: not built yet; see the orchestration issue.");
return 1;
