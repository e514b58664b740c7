using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using ConvNetAssignment = Platform.Contracts.Catalog.Assignments.C4W1SignsConvNet;

namespace Platform.Workers.Assignments.C4W1SignsConvNet;

/// <summary>
/// c4w1-signs-convnet (spec §12). notebook = 2021 (default): Keras-style (TF2) fit of <see cref="SignsConvNet"/> with Adam,
/// per-epoch loss, train_accuracy, val_loss and val_accuracy with the test set as validation, then test_accuracy. Trains on
/// the SIGNS JPEG stand-in (train + val in ordinal file-name order, read as c2w3-signs-mlp reads it), shuffled per epoch by
/// the numpy seed counter from 3 (the 2017 notebook's s0). Evaluates on signs/test_signs.h5 (<see cref="SignsKerasFit"/>).
/// notebook = 2017: the TF1 notebook's model, weights and training loop (<see cref="Notebook2017Fit"/>). BAND results.
/// </summary>
public sealed class C4W1SignsConvNetJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => ConvNetAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var (learningRate, numEpochs, minibatchSize) = (h.GetDouble("learning_rate"), h.GetInt("num_epochs"), h.GetInt("minibatch_size"));
        if (h.GetString(ConvNetAssignment.NotebookParameter) == ConvNetAssignment.Notebook2017)
        {
            Notebook2017Fit.Run(context, learningRate, numEpochs, minibatchSize);
        }
        else
        {
            SignsKerasFit.Run(context, KerasVersion.Tf2, () => new SignsConvNet(), learningRate, numEpochs, minibatchSize);
        }
    }
}
