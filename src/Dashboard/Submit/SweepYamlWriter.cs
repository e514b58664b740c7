using System.Text;

namespace Platform.Dashboard.Submit;

/// <summary>Writes the form as a sweep file in the W&amp;B format with <c>assignment:</c>, the same file <c>platform sweep submit</c> takes.</summary>
public static class SweepYamlWriter
{
    public static string Write(SweepForm form)
    {
        var yaml = new StringBuilder();
        yaml.Append("assignment: ").AppendLine(form.Assignment.Id);
        Line(yaml, "name", form.Name);
        Line(yaml, "experiment", form.Experiment);
        yaml.Append("method: ").AppendLine(form.Method);
        Line(yaml, "run_cap", form.RunCap);
        if (form.Metric.Length > 0)
        {
            yaml.AppendLine("metric:");
            yaml.Append("  name: ").AppendLine(form.Metric);
            yaml.Append("  goal: ").AppendLine(form.Goal);
        }

        if (form.EarlyTerminate)
        {
            yaml.AppendLine("early_terminate:");
            yaml.Append("  type: ").AppendLine(form.EarlyTerminateType);
            Line(yaml, "  min_iter", form.MinIter);
            if (form.UsesMedianRule)
            {
                Line(yaml, "  min_trials", form.MinTrials);
            }
            else
            {
                Line(yaml, "  eta", form.Eta);
            }
        }

        var swept = form.Parameters.Where(p => p.Mode != ParameterMode.Default).ToArray();
        yaml.AppendLine(swept.Length == 0 ? "parameters: {}" : "parameters:");
        foreach (var p in swept)
        {
            yaml.Append("  ").Append(p.Descriptor.Name).AppendLine(":");
            switch (p.Mode)
            {
                case ParameterMode.Constant:
                    yaml.Append("    value: ").AppendLine(p.Value.Trim());
                    break;
                case ParameterMode.Values:
                    yaml.Append("    values: [").AppendJoin(", ", p.ValueItems).AppendLine("]");
                    break;
                case ParameterMode.Range:
                    yaml.Append("    distribution: ").AppendLine(p.Distribution);
                    yaml.Append("    min: ").AppendLine(p.Min.Trim());
                    yaml.Append("    max: ").AppendLine(p.Max.Trim());
                    break;
            }
        }

        return yaml.ToString();
    }

    /// <summary>Optional keys are left out when empty, so the server applies its defaults.</summary>
    private static void Line(StringBuilder yaml, string key, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            yaml.Append(key).Append(": ").AppendLine(value.Trim());
        }
    }
}
